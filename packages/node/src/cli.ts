#!/usr/bin/env node
/**
 * Entry of the `comment-shield` bin.
 *
 * @module
 */
import { main } from './cli/index.ts'

main(process.argv.slice(2), process).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`comment-shield: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  },
)
