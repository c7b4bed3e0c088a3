import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AbuseCategory } from '@comment-shield/core'
import { describe, expect, it } from 'vitest'
import { runCli } from '../testing/cli.ts'
import type { CliRun } from '../testing/cli.ts'
import { binaryMetrics, evalCommand, rocAuc, targetScore } from './eval.ts'

const run = (args: string[], input = ''): Promise<CliRun> =>
  runCli((argv, io) => evalCommand.run(argv, io), args, input)

const rows = [
  { text: '你就是个废物', label: 1, category: 'insult' },
  { text: '我知道你家住哪，小心你全家', label: 1, category: 'threat' },
  { text: 'you are an idiot', label: 1, category: 'insult' },
  { text: '今天天气不错', label: 0 },
  { text: 'I love this video', label: 0 },
  { text: '请一次性交纳全部费用', label: 0 },
]
  .map((r) => JSON.stringify(r))
  .join('\n')

describe('comment-shield eval', () => {
  it('prints accuracy, macro-F1, ROC-AUC, a sweep and per-category figures for a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-eval-'))
    const file = join(dir, 'x.jsonl')
    writeFileSync(file, rows)
    const { code, out } = await run([file])
    expect(code).toBe(0)
    expect(out).toMatch(/accuracy 1\.000/)
    expect(out).toMatch(/ROC-AUC 1\.000/)
    expect(out).toMatch(/^0\.9 /m)
    expect(out).toMatch(/threat\s+1\s+1\.000/)
  })

  it('reads stdin with - and reports JSON', async () => {
    const { code, out } = await run(['-', '--json', '--rules-only'], rows)
    expect(code).toBe(0)
    const report = JSON.parse(out) as { rows: number; scorer: string; recall: number; sweep: unknown[] }
    expect(report).toMatchObject({ rows: 6, scorer: 'rules', recall: 1 })
    expect(report.sweep).toHaveLength(9)
  })

  it('--target offensive also counts untargeted profanity, as OLID labels do', async () => {
    const olid = [
      { text: 'this song is fucking great', label: 1 },
      { text: 'you are an idiot', label: 1 },
      { text: 'what a lovely day at the beach', label: 0 },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n')
    const abusive = JSON.parse((await run(['-', '--json'], olid)).out) as { target: string; recall: number }
    expect(abusive).toMatchObject({ target: 'abusive', recall: 0.5 })
    const offensive = await run(['-', '--json', '--target', 'offensive'], olid)
    expect(offensive.code).toBe(0)
    expect(JSON.parse(offensive.out)).toMatchObject({ target: 'offensive', recall: 1, accuracy: 1 })
    expect((await run(['-', '--target', 'rude'], olid)).code).toBe(2)
  })

  it('reports bad lines and exits 1, and exits 2 without a file', async () => {
    const { code, err } = await run(['-'], '{"text":"x"}\n{"text":"y","label":0}\n')
    expect(code).toBe(1)
    expect(err).toMatch(/line 1/)
    expect((await run([])).code).toBe(2)
  })
})

describe('targetScore()', () => {
  it('is abuse.score for abusive and adds profanity for offensive', () => {
    const abuse = { score: 0.2, categories: { profanity: 0.9 } as Record<AbuseCategory, number> }
    expect(targetScore(abuse, 'abusive')).toBe(0.2)
    expect(targetScore(abuse, 'offensive')).toBe(0.9)
  })
})

describe('binaryMetrics() and rocAuc()', () => {
  it('compute the textbook values', () => {
    const m = binaryMetrics([0.9, 0.8, 0.3, 0.1], [1, 0, 1, 0], 0.5)
    expect(m).toMatchObject({ accuracy: 0.5, precision: 0.5, recall: 0.5, f1: 0.5, macroF1: 0.5 })
    expect(rocAuc([0.9, 0.8, 0.3, 0.1], [1, 0, 1, 0])).toBe(0.75)
    expect(rocAuc([0.5, 0.5], [1, 0])).toBe(0.5)
    expect(rocAuc([0.5], [1])).toBeNaN()
  })
})
