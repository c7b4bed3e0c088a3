#!/usr/bin/env node
/**
 * The `comment-shield` command line. Exit codes: 0 success, 1 runtime failure, 2 usage error.
 *
 * @module
 */
import { createInterface } from 'node:readline'
import { analyze, decide, redact } from '@comment-shield/core'

const HELP = `comment-shield — detect and redact personal information and abuse in comments

Usage:
  comment-shield redact [--lines] [--locale zh-CN|zh-TW|en]   read stdin, write redacted text
  comment-shield check --jsonl                                 read {"id"?, "text"} lines, write verdict lines
  comment-shield --help | --version

Exit codes: 0 success, 1 runtime failure, 2 usage error.
`

type Io = { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }

/**
 * Runs the CLI with the given arguments and streams; returns the exit code.
 *
 * @param argv - arguments after the program name
 * @param io - standard streams (injectable for tests)
 * @returns the exit code
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || rest.includes('--help')) {
    io.stdout.write(HELP)
    return command === undefined ? 2 : 0
  }
  if (command === '--version') {
    io.stdout.write('0.1.0\n')
    return 0
  }
  if (command === 'redact') {
    const lines = rest.includes('--lines')
    const localeArg = rest[rest.indexOf('--locale') + 1]
    const locale = rest.includes('--locale') ? localeArg : 'zh-CN'
    if (locale !== 'zh-CN' && locale !== 'zh-TW' && locale !== 'en') {
      io.stderr.write(`comment-shield: --locale must be zh-CN, zh-TW or en; got ${String(localeArg)}\n`)
      return 2
    }
    if (lines) {
      for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
        io.stdout.write(`${redact(line, { locale }).text}\n`)
      }
    } else {
      let all = ''
      io.stdin.setEncoding('utf8')
      for await (const chunk of io.stdin) all += chunk as string
      io.stdout.write(redact(all, { locale }).text)
    }
    return 0
  }
  if (command === 'check') {
    if (!rest.includes('--jsonl')) {
      io.stderr.write('comment-shield: check needs --jsonl\n')
      return 2
    }
    let lineNo = 0
    let failed = false
    for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
      lineNo++
      if (line.trim() === '') continue
      let row: unknown
      try {
        row = JSON.parse(line)
      } catch {
        io.stderr.write(`comment-shield: line ${lineNo}: not valid JSON\n`)
        failed = true
        continue
      }
      const text = (row as { text?: unknown } | null)?.text
      if (typeof text !== 'string') {
        io.stderr.write(`comment-shield: line ${lineNo}: "text" must be a string\n`)
        failed = true
        continue
      }
      const verdict = analyze(text)
      const id = (row as { id?: unknown }).id
      io.stdout.write(
        `${JSON.stringify({
          ...(id === undefined ? {} : { id }),
          pii: verdict.pii.map(({ type, start, end }) => ({ type, start, end })),
          action: decide(verdict).action,
        })}\n`,
      )
    }
    return failed ? 1 : 0
  }
  io.stderr.write(`comment-shield: unknown command "${command}"\n\n${HELP}`)
  return 2
}

// Run when executed as a program (not when imported by tests).
if (process.argv[1] && /comment-shield$|cli\.(c?js|ts)$/.test(process.argv[1])) {
  main(process.argv.slice(2), process).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`comment-shield: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    },
  )
}
