/**
 * The `comment-shield` command line: a table of commands, each in its own file.
 * Exit codes: 0 success, 1 runtime failure (e.g. a bad input line), 2 usage error.
 *
 * @module
 */
import { checkCommand } from './check.ts'
import { evalCommand } from './eval.ts'
import { demoCommand } from './demo.ts'
import { evidenceCommand } from './evidence.ts'
import type { CliCommand, CliIo } from './io.ts'
import { redactCommand } from './redact.ts'
import { scanCommand } from './scan.ts'

export type { CliCommand, CliIo } from './io.ts'

/** Every command, by name. Add a command by adding its file and one line here. */
export const commands: Readonly<Record<string, CliCommand>> = {
  check: checkCommand,
  eval: evalCommand,
  demo: demoCommand,
  evidence: evidenceCommand,
  redact: redactCommand,
  scan: scanCommand,
}

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length))
  const list = Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n')
  return `comment-shield — detect and redact personal information and abuse in comments

Usage: comment-shield <command> [options]

Commands:
${list}

Run "comment-shield <command> --help" for a command's options.
Exit codes: 0 success, 1 runtime failure, 2 usage error.
`
}

/**
 * Runs the CLI with the given arguments and streams; returns the exit code.
 *
 * @param argv - arguments after the program name
 * @param io - standard streams (injectable for tests)
 * @returns the exit code
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage())
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write('0.1.0\n')
    return 0
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined
  if (!command) {
    io.stderr.write(`comment-shield: unknown command "${name}"\n\n${usage()}`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help)
    return 0
  }
  return command.run(rest, io)
}
