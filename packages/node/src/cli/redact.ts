/**
 * `comment-shield redact`: reads text from stdin and writes it redacted.
 *
 * @module
 */
import { redact } from '@comment-shield/core'
import { flagValue, lines, readAll } from './io.ts'
import type { CliCommand } from './io.ts'

export const redactCommand: CliCommand = {
  summary: 'read stdin, write it with personal information redacted',
  help: `Usage: comment-shield redact [--lines] [--locale zh-CN|zh-TW|en]

Reads text from stdin and writes the redacted text to stdout.
  --lines          treat each line as one comment (streaming)
  --locale L       language of labels such as [手机号] / [phone] (default zh-CN)
`,
  async run(args, io) {
    const locale = flagValue(args, '--locale') ?? 'zh-CN'
    if (locale !== 'zh-CN' && locale !== 'zh-TW' && locale !== 'en') {
      io.stderr.write(`comment-shield: --locale must be zh-CN, zh-TW or en; got ${locale}\n`)
      return 2
    }
    if (args.includes('--lines')) {
      for await (const line of lines(io)) io.stdout.write(`${redact(line, { locale }).text}\n`)
    } else {
      io.stdout.write(redact(await readAll(io), { locale }).text)
    }
    return 0
  },
}
