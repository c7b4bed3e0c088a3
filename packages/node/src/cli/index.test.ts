import { describe, expect, it } from 'vitest'
import { runCli } from '../testing/cli.ts'
import type { CliRun } from '../testing/cli.ts'
import { main } from './index.ts'

const run = (argv: string[], input = ''): Promise<CliRun> => runCli(main, argv, input)

describe('comment-shield CLI', () => {
  it('redacts stdin line by line', async () => {
    const { code, out } = await run(['redact', '--lines'], 'a 13800138000\nb x@y.io\n')
    expect(code).toBe(0)
    expect(out).toBe('a 138****8000\nb [邮箱]\n')
  })

  it('writes one verdict per JSONL line with pii spans', async () => {
    const { code, out } = await run(['check', '--jsonl'], '{"id":1,"text":"电话13800138000"}\n')
    expect(code).toBe(0)
    const row = JSON.parse(out.trim()) as { id: number; pii: unknown[]; action: string }
    expect(row).toMatchObject({ id: 1, pii: [{ type: 'phone', start: 2, end: 13 }], action: 'redact' })
    expect(row).toHaveProperty('dox.level')
    expect(row).toHaveProperty('abuse.categories.insult')
  })

  it('reports a bad JSONL line on stderr and exits 1 without losing the others', async () => {
    const { code, out, err } = await run(['check', '--jsonl'], 'nope\n{"text":"ok"}\n')
    expect(code).toBe(1)
    expect(err).toMatch(/line 1/)
    expect(out.trim().split('\n')).toHaveLength(1)
  })

  it('exits 2 on an unknown command', async () => {
    expect((await run(['frobnicate'])).code).toBe(2)
  })
})
