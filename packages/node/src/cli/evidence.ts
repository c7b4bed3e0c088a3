/**
 * `comment-shield evidence verify`: checks an evidence bundle (or a ledger JSONL file) offline.
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import { verifyBundle, verifyEntries } from '../evidence/ledger.ts'
import type { LedgerHead, VerifyResult } from '../evidence/ledger.ts'
import type { CliCommand } from './io.ts'

export const evidenceCommand: CliCommand = {
  summary: 'verify an evidence bundle or ledger offline (evidence verify FILE)',
  help: `Usage: comment-shield evidence verify FILE [--json]

FILE is an evidence bundle (.json, from GET /evidence/:id) or a ledger (.jsonl; its "<FILE>.head" anchor is
used when present). Recomputes every SHA-256 hash and link and reports any edit, reordering, insertion or
truncation.
  --json    print the result as JSON
Exit codes: 0 intact, 1 tampered or unreadable, 2 usage error.
`,
  async run(args, io) {
    const [sub, file] = args.filter((a) => !a.startsWith('--'))
    if (sub !== 'verify' || file === undefined) {
      io.stderr.write('comment-shield: usage: comment-shield evidence verify FILE\n')
      return 2
    }
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      io.stderr.write(`comment-shield: cannot read ${file}: ${(error as Error).message}\n`)
      return 1
    }
    let result: VerifyResult
    let kind: 'bundle' | 'ledger'
    const trimmed = text.trimStart()
    let asBundle: unknown
    try {
      asBundle = trimmed.startsWith('{') && !file.endsWith('.jsonl') ? JSON.parse(text) : undefined
    } catch {
      asBundle = undefined
    }
    if (asBundle !== undefined) {
      kind = 'bundle'
      result = verifyBundle(asBundle)
    } else {
      kind = 'ledger'
      const lines = text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => {
          try {
            return JSON.parse(l) as unknown
          } catch {
            return l
          }
        })
      let anchor: LedgerHead | undefined
      try {
        anchor = JSON.parse(await readFile(`${file}.head`, 'utf8')) as LedgerHead
      } catch {
        anchor = undefined
      }
      result = verifyEntries(lines, { anchor })
    }
    if (args.includes('--json')) {
      io.stdout.write(`${JSON.stringify({ kind, ...result })}\n`)
    } else if (result.ok) {
      io.stdout.write(
        `OK: ${kind} intact — ${result.count} entries, head seq ${result.head?.seq ?? '-'} ${result.head?.hash ?? ''}\n` +
          `校验通过：${result.count} 条记录，哈希链完整。\n`,
      )
    } else {
      io.stdout.write(`TAMPERED: ${kind} failed verification (校验失败):\n`)
      for (const p of result.problems) io.stdout.write(`  - ${p.kind}: ${p.message}\n`)
    }
    return result.ok ? 0 : 1
  },
}
