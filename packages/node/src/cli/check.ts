/**
 * `comment-shield check --jsonl`: one verdict line per input line.
 *
 * @module
 */
import { analyze, decide, loadAbuseModel } from '@comment-shield/core'
import { lines } from './io.ts'
import type { CliCommand } from './io.ts'

export const checkCommand: CliCommand = {
  summary: 'read {"id"?, "text"} JSON lines, write one verdict per line',
  help: `Usage: comment-shield check --jsonl

Reads lines of {"id"?, "text"} from stdin and writes one JSON verdict per line:
  {"id", "pii": [{"type","start","end"}], "dox": {"score","level"}, "abuse": {"score","categories"}, "action"}
Offsets are half-open UTF-16 offsets. A bad line is reported on stderr (with its line number), the others go on;
the exit code is then 1.
`,
  async run(args, io) {
    if (!args.includes('--jsonl')) {
      io.stderr.write('comment-shield: check needs --jsonl\n')
      return 2
    }
    // Score with the learned model as well as the rules (the model is imported lazily; ~15 ms).
    await loadAbuseModel()
    let lineNo = 0
    let failed = false
    for await (const line of lines(io)) {
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
          dox: { score: verdict.dox.score, level: verdict.dox.level },
          abuse: { score: verdict.abuse.score, categories: verdict.abuse.categories },
          action: decide(verdict).action,
        })}\n`,
      )
    }
    return failed ? 1 : 0
  },
}
