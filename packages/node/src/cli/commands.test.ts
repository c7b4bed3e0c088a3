import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../testing/cli.ts'
import type { CliRun } from '../testing/cli.ts'
import { createEvidenceLedger, createFileLedgerStorage } from '../evidence/index.ts'
import { main } from './index.ts'
import type { ScanDecision } from './scan.ts'

const run = (argv: string[]): Promise<CliRun> => runCli(main, argv)

const tmp = () => mkdtemp(join(tmpdir(), 'cs-cli-'))
const T0 = Date.parse('2026-11-22T10:00:00Z')

describe('comment-shield evidence verify', () => {
  async function bundleFile() {
    const d = await tmp()
    const ledgerPath = join(d, 'evidence.jsonl')
    const ledger = createEvidenceLedger({ storage: createFileLedgerStorage(ledgerPath) })
    await ledger.append({ kind: 'report', text: '我知道你家住哪', reason: 'threat', targetId: 'v' })
    await ledger.append({ kind: 'report', text: 'other', reason: 'insult', targetId: 'w' })
    const bundle = (await ledger.bundle('v'))!
    await ledger.close()
    const bundlePath = join(d, 'bundle.json')
    await writeFile(bundlePath, JSON.stringify(bundle))
    return { d, ledgerPath, bundlePath, bundle }
  }

  it('exits 0 for an intact bundle and an intact ledger file', async () => {
    const { bundlePath, ledgerPath } = await bundleFile()
    const b = await run(['evidence', 'verify', bundlePath])
    expect(b.code).toBe(0)
    expect(b.out).toMatch(/^OK: bundle intact/)
    expect((await run(['evidence', 'verify', ledgerPath])).code).toBe(0)
  })

  it('exits 1 and names the problem for a tampered bundle', async () => {
    const { bundlePath, bundle } = await bundleFile()
    const entry = bundle.entries[0] as { record: { text: string } }
    entry.record.text = '没什么'
    await writeFile(bundlePath, JSON.stringify(bundle))
    const { code, out } = await run(['evidence', 'verify', bundlePath, '--json'])
    expect(code).toBe(1)
    expect(JSON.parse(out)).toMatchObject({
      kind: 'bundle',
      ok: false,
      problems: [{ kind: 'hash_mismatch' }],
    })
  })

  it('exits 1 for a truncated ledger file and 2 on bad usage', async () => {
    const { ledgerPath } = await bundleFile()
    const [first] = (await readFile(ledgerPath, 'utf8')).split('\n')
    await writeFile(ledgerPath, `${first}\n`)
    expect((await run(['evidence', 'verify', ledgerPath])).out).toMatch(/truncated/)
    expect((await run(['evidence', 'check'])).code).toBe(2)
    expect((await run(['evidence', 'verify', '/nonexistent/x.json'])).code).toBe(1)
  })
})

describe('comment-shield scan', () => {
  it('moderates a JSONL dump, draws progress on stderr and marks a water-army pile-on in the report', async () => {
    const d = await tmp()
    const rows: string[] = []
    // calm history for the target, then 12 accounts posting the same insult within minutes
    for (let i = 0; i < 10; i++) {
      rows.push(
        JSON.stringify({
          id: `ok${i}`,
          text: '说得好，支持',
          author: `fan${i}`,
          target: 'ann',
          at: T0 + i * 600_000,
        }),
      )
    }
    for (let i = 0; i < 12; i++) {
      rows.push(
        JSON.stringify({
          id: `h${i}`,
          text: '你这个废物去死吧滚出去',
          author: `bot${i}`,
          target: 'ann',
          at: T0 + 6_000_000 + i * 20_000,
          accountAgeDays: 1,
        }),
      )
    }
    rows.push(
      JSON.stringify({ id: 'p', text: '电话 13800138000', author: 'x', target: 'bob', at: T0 + 7_000_000 }),
    )
    rows.push('not json')
    const input = join(d, 'dump.jsonl')
    await writeFile(input, `${rows.join('\n')}\n`)
    const outPath = join(d, 'decisions.jsonl')
    const reportPath = join(d, 'report.html')
    const { code, err } = await run(['scan', input, '--out', outPath, '--report', reportPath])
    expect(code).toBe(1) // the bad line
    expect(err).toMatch(/line 24: not valid JSON/)
    expect(err).toMatch(/\[#+\] 100% 23 comments/)
    const decisions = (await readFile(outPath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ScanDecision)
    expect(decisions).toHaveLength(23)
    expect(decisions.find((x) => x.id === 'p')).toMatchObject({ action: 'redact', targetId: 'bob' })
    expect(decisions.find((x) => x.id === 'ok0')).toMatchObject({ action: 'allow', level: 'calm' })
    const last = decisions.filter((x) => x.targetId === 'ann').at(-1)!
    expect(last.level).toBe('pile_on')
    expect(decisions.some((x) => x.levelReasons.includes('water_army'))).toBe(true)
    const html = await readFile(reportPath, 'utf8')
    expect(html).toContain('<h2>ann</h2>')
    expect(html).toContain('群体围攻 · pile-on')
    expect(html).toContain('水军集群 · water-army cluster')
  })

  it('reads CSV with a header row', async () => {
    const d = await tmp()
    const input = join(d, 'dump.csv')
    await writeFile(
      input,
      'id,text,author,target,at\n1,"你好, 世界",a,t,2026-11-22T10:00:00Z\n2,邮箱 a@b.io,b,t,2026-11-22T10:01:00Z\n',
    )
    const { code, out } = await run(['scan', input])
    expect(code).toBe(0)
    const decisions = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ScanDecision)
    expect(decisions.map((x) => [x.id, x.action])).toEqual([
      ['1', 'allow'],
      ['2', 'redact'],
    ])
  })

  it('exits 2 without a file or with a bad format', async () => {
    expect((await run(['scan'])).code).toBe(2)
    expect((await run(['scan', 'x.txt', '--format', 'xml'])).code).toBe(2)
  })
})

describe('comment-shield demo', () => {
  it('exits 2 on a bad port and prints its help', async () => {
    expect((await run(['demo', '--port', 'abc'])).code).toBe(2)
    expect((await run(['demo', '--help'])).out).toMatch(/Usage: comment-shield demo/)
  })
})
