import { mkdtemp, readFile, readdir, writeFile, appendFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import {
  canonicalJson,
  createEvidenceLedger,
  createFileLedgerStorage,
  createMemoryLedgerStorage,
  verifyBundle,
  verifyEntries,
} from './index.ts'
import type { LedgerEntry } from './index.ts'

const now = () => Date.parse('2026-11-22T10:00:00Z')

async function filled(n: number) {
  const storage = createMemoryLedgerStorage()
  const ledger = createEvidenceLedger({ storage, now })
  for (let i = 0; i < n; i++) {
    await ledger.append({
      kind: 'comment',
      commentId: `c${i}`,
      text: `第${i}条 13800138000`,
      targetId: i % 2 ? 'a' : 'b',
    })
  }
  return { storage, ledger, entries: (await ledger.entries()).map((e) => structuredClone(e)) }
}

describe('canonicalJson()', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: undefined, b: true } })).toBe(
      '{"a":{"b":true,"d":[1,"x"]},"b":1}',
    )
  })

  it('is stable under key reordering (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse())
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj))
        expect(JSON.parse(canonicalJson(obj))).toEqual(obj)
      }),
    )
  })
})

describe('evidence ledger verify()', () => {
  it('accepts an untouched chain', async () => {
    const { ledger } = await filled(5)
    expect(await ledger.verify()).toMatchObject({ ok: true, count: 5, problems: [] })
  })

  it('detects an edited record', async () => {
    const { entries } = await filled(4)
    entries[2]!.record.text = '第2条 [已删除]'
    expect(verifyEntries(entries).problems).toEqual([
      expect.objectContaining({ index: 2, kind: 'hash_mismatch' }),
    ])
  })

  it('detects two records swapped', async () => {
    const { entries } = await filled(4)
    ;[entries[1], entries[2]] = [entries[2]!, entries[1]!]
    const kinds = verifyEntries(entries).problems.map((p) => p.kind)
    expect(kinds).toContain('bad_sequence')
    expect(kinds).toContain('broken_link')
  })

  it('detects an inserted record, even one with a correctly computed hash', async () => {
    const { entries } = await filled(3)
    const forged = await filled(1)
    entries.splice(1, 0, forged.entries[0]!)
    expect(verifyEntries(entries).ok).toBe(false)
  })

  it('detects truncation against the head anchor', async () => {
    const { storage, ledger } = await filled(4)
    storage.lines.pop()
    const result = await ledger.verify()
    expect(result.ok).toBe(false)
    expect(result.problems.map((p) => p.kind)).toEqual(['truncated'])
  })

  it('reports an unparseable line', () => {
    expect(verifyEntries(['{oops']).problems[0]!.kind).toBe('unparseable')
  })

  it('orders concurrent appends into one chain', async () => {
    const ledger = createEvidenceLedger({ storage: createMemoryLedgerStorage(), now })
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ledger.append({ kind: 'report', text: String(i), reason: 'insult' }),
      ),
    )
    const result = await ledger.verify()
    expect(result).toMatchObject({ ok: true, count: 20 })
  })
})

describe('evidence bundles', () => {
  it('verify offline, with unrelated entries elided to hashes', async () => {
    const { ledger } = await filled(6)
    const bundle = (await ledger.bundle('a'))!
    expect(bundle.entries.filter((e) => 'record' in e)).toHaveLength(3)
    expect(bundle.entries.filter((e) => 'elided' in e)).toHaveLength(2)
    expect(verifyBundle(bundle).ok).toBe(true)
    const tampered = structuredClone(bundle)
    ;(tampered.entries.find((e) => 'record' in e) as LedgerEntry).record.text = 'nothing happened'
    expect(verifyBundle(tampered).ok).toBe(false)
    const cut = structuredClone(bundle)
    cut.entries.pop()
    expect(verifyBundle(cut).ok).toBe(false)
  })

  it('rejects something that is not a bundle', () => {
    expect(verifyBundle({ hello: 1 }).ok).toBe(false)
  })
})

describe('createFileLedgerStorage()', () => {
  async function dir() {
    return mkdtemp(join(tmpdir(), 'cs-ledger-'))
  }

  it('persists across reopen and verifies', async () => {
    const path = join(await dir(), 'evidence.jsonl')
    const a = createEvidenceLedger({ storage: createFileLedgerStorage(path), now })
    await a.append({ kind: 'report', text: 'one', reason: 'doxing' })
    await a.append({ kind: 'report', text: 'two', reason: 'doxing' })
    const b = createEvidenceLedger({ storage: createFileLedgerStorage(path), now })
    await b.append({ kind: 'report', text: 'three', reason: 'doxing' })
    expect(await b.verify()).toMatchObject({ ok: true, count: 3 })
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(3)
    await Promise.all([a.close(), b.close()])
  })

  it('quarantines a torn last line instead of dropping it, then keeps appending', async () => {
    const d = await dir()
    const path = join(d, 'evidence.jsonl')
    const a = createEvidenceLedger({ storage: createFileLedgerStorage(path), now })
    await a.append({ kind: 'report', text: 'one', reason: 'doxing' })
    await appendFile(path, '{"seq":1,"prev":"ab') // crash mid-write
    const onQuarantine = vi.fn()
    const b = createEvidenceLedger({
      storage: createFileLedgerStorage(path, { onQuarantine, now: () => 42 }),
      now,
    })
    await b.append({ kind: 'report', text: 'two', reason: 'doxing' })
    expect(onQuarantine).toHaveBeenCalledWith({ path: `${path}.quarantine-42`, bytes: 19 })
    expect(await readFile(`${path}.quarantine-42`, 'utf8')).toBe('{"seq":1,"prev":"ab')
    expect(await b.verify()).toMatchObject({ ok: true, count: 2 })
    await Promise.all([a.close(), b.close()])
    expect((await readdir(d)).sort()).toEqual([
      'evidence.jsonl',
      'evidence.jsonl.head',
      'evidence.jsonl.quarantine-42',
    ])
  })

  it('detects a truncated file through its head anchor', async () => {
    const path = join(await dir(), 'evidence.jsonl')
    const a = createEvidenceLedger({ storage: createFileLedgerStorage(path), now })
    await a.append({ kind: 'report', text: 'one', reason: 'doxing' })
    await a.append({ kind: 'report', text: 'two', reason: 'doxing' })
    const lines = (await readFile(path, 'utf8')).split('\n')
    await writeFile(path, `${lines[0]}\n`)
    const b = createEvidenceLedger({ storage: createFileLedgerStorage(path), now })
    expect((await b.verify()).problems.map((p) => p.kind)).toEqual(['truncated'])
    await Promise.all([a.close(), b.close()])
  })
})
