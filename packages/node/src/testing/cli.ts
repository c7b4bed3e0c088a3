/**
 * `runCli(command, argv, input)`: runs a CLI entry point (`main` or one command's `run`) with in-memory stdin,
 * stdout and stderr, and returns the exit code and what it wrote. Test-only; not exported by the package.
 */
import { PassThrough, Readable } from 'node:stream'
import type { CliIo } from '../cli/io.ts'

/** What a CLI run wrote, and its exit code. */
export interface CliRun {
  code: number
  out: string
  err: string
}

export async function runCli(
  command: (argv: readonly string[], io: CliIo) => Promise<number>,
  argv: readonly string[],
  input = '',
): Promise<CliRun> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d: Buffer) => (out += d.toString()))
  stderr.on('data', (d: Buffer) => (err += d.toString()))
  const code = await command(argv, { stdin: Readable.from([input]), stdout, stderr })
  return { code, out, err }
}
