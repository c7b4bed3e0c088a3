/**
 * The streams a CLI command reads and writes; injectable so tests drive commands without a process.
 *
 * @module
 */
import { createInterface } from 'node:readline'

/** Standard streams of a command. */
export interface CliIo {
  stdin: NodeJS.ReadableStream
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

/** A CLI command: parses its own arguments, returns its exit code (0 ok, 1 runtime failure, 2 usage error). */
export interface CliCommand {
  /** One line for the top-level help. */
  summary: string
  /** Full `--help` text of the command. */
  help: string
  run(args: readonly string[], io: CliIo): Promise<number>
}

/** Iterates over stdin line by line (CRLF-safe). */
export function lines(io: CliIo): AsyncIterable<string> {
  return createInterface({ input: io.stdin, crlfDelay: Infinity })
}

/** Reads all of stdin as UTF-8. */
export async function readAll(io: CliIo): Promise<string> {
  let all = ''
  io.stdin.setEncoding?.('utf8')
  for await (const chunk of io.stdin)
    all += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
  return all
}

/** Value of `--name value` in args, or undefined. */
export function flagValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
