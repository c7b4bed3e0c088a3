/**
 * The evidence ledger: an append-only, hash-chained log of moderated comments and reports.
 *
 * **Chain rule**: entry `n` stores `hash = SHA-256(canonical({ prev, seq, record }))`, where `prev` is the hash of
 * entry `n - 1` (64 zeros for entry 0) and `canonical` is JSON with sorted keys (RFC 8785 for the strings, integers
 * and booleans records hold). Editing, reordering or inserting an entry breaks a hash or a link; truncation is
 * caught against the head anchor the storage keeps beside the log.
 *
 * @module
 */
import { createHash, randomUUID } from 'node:crypto'
import { ModerationError, normalize as coreNormalize } from '@comment-shield/core'

// Report reasons live in core (shared with the widget); re-exported here for the evidence API.
export { REPORT_REASONS } from '@comment-shield/core'
export type { ReportReason } from '@comment-shield/core'
import type { DecisionAction, ReportReason } from '@comment-shield/core'

/** One piece of evidence. Plain data. */
export interface EvidenceRecord {
  kind: 'comment' | 'report'
  /** Record id (a report's id is the one returned by `POST /reports`). */
  id: string
  /** When the ledger recorded it (ISO 8601, server clock). */
  recordedAt: string
  commentId?: string
  /** The comment as posted (for reports: as shown to the reporter). */
  text: string
  /** The text after normalisation (what the detectors saw). */
  normalizedText: string
  authorId?: string
  targetId?: string
  url?: string
  /** When the comment was posted or the report was made, as the client said (ISO 8601). */
  postedAt?: string
  decision?: { action: DecisionAction; reasons: string[]; categories: string[] }
  reporterId?: string
  reason?: ReportReason
  note?: string
  /** Signals raised about this record, e.g. `report_bombing`. */
  signals?: string[]
}

/** What callers pass to {@link EvidenceLedger.append}; the ledger fills in the rest. */
export type EvidenceInput = Omit<EvidenceRecord, 'id' | 'recordedAt' | 'normalizedText'> & {
  id?: string
  normalizedText?: string
}

/** One line of the ledger. */
export interface LedgerEntry {
  seq: number
  prev: string
  hash: string
  record: EvidenceRecord
}

/** The head of a ledger: its last sequence number and hash. */
export interface LedgerHead {
  seq: number
  hash: string
}

/** Where ledger entries live (JSONL file, memory, Redis). */
export interface LedgerStorage {
  /** The current head, or undefined for an empty ledger. */
  head(): Promise<LedgerHead | undefined>
  /** Appends `entry` only if the head is still `expected` (compare-and-append); false on a lost race. */
  append(entry: LedgerEntry, expected: LedgerHead | undefined): Promise<boolean>
  /** Every stored line, parsed where possible (unparseable lines come back as strings). */
  read(): Promise<Array<LedgerEntry | string>>
  /** The head anchor kept beside the log (to detect truncation), if the storage keeps one. */
  anchor(): Promise<LedgerHead | undefined>
  /** Releases file handles or connections the storage opened. */
  close?(): Promise<void>
}

/** A problem found by {@link verifyEntries}. */
export interface VerifyProblem {
  /** Index of the line (0-based) where the problem shows. */
  index: number
  kind: 'unparseable' | 'hash_mismatch' | 'broken_link' | 'bad_sequence' | 'truncated' | 'head_mismatch'
  message: string
}

/** What verification returns. */
export interface VerifyResult {
  ok: boolean
  count: number
  head?: LedgerHead
  problems: VerifyProblem[]
}

/** The `prev` of the first entry. */
export const GENESIS_HASH: string = '0'.repeat(64)

/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped.
 *
 * @param value - plain data (strings, finite numbers, booleans, null, arrays, objects)
 * @returns the canonical encoding
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new ModerationError('INVALID_INPUT', 'Evidence cannot hold non-finite numbers.')
    return JSON.stringify(value)
  }
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort()
    const parts: string[] = []
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k]
      if (v !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`)
    }
    return `{${parts.join(',')}}`
  }
  throw new ModerationError('INVALID_INPUT', `Evidence cannot hold a ${typeof value}.`)
}

/**
 * The hash of an entry.
 *
 * @param prev - hash of the previous entry
 * @param seq - sequence number
 * @param record - the record
 * @returns hex SHA-256
 */
export function entryHash(prev: string, seq: number, record: EvidenceRecord): string {
  return createHash('sha256').update(canonicalJson({ prev, seq, record })).digest('hex')
}

/**
 * Checks a run of ledger lines: hashes, links, sequence numbers and, when given, the head anchor.
 * Elided lines (`{ seq, prev, hash, elided: true }`, used in bundles) are checked for links only.
 *
 * @param lines - entries in stored order (strings for lines that did not parse)
 * @param options - `anchor` to detect truncation; `fromGenesis` (default true) requires the first entry to be seq 0
 * @returns the result with every problem found
 */
export function verifyEntries(
  lines: ReadonlyArray<unknown>,
  options: { anchor?: LedgerHead; fromGenesis?: boolean } = {},
): VerifyResult {
  const problems: VerifyProblem[] = []
  let last: LedgerHead | undefined
  lines.forEach((line, index) => {
    if (!isEntryShape(line)) {
      problems.push({ index, kind: 'unparseable', message: `line ${index + 1} is not a ledger entry` })
      last = undefined
      return
    }
    const expectedSeq = last ? last.seq + 1 : index === 0 && options.fromGenesis !== false ? 0 : line.seq
    if (line.seq !== expectedSeq) {
      problems.push({
        index,
        kind: 'bad_sequence',
        message: `line ${index + 1} has seq ${line.seq}, expected ${expectedSeq}`,
      })
    }
    const expectedPrev = last ? last.hash : index === 0 && line.seq === 0 ? GENESIS_HASH : line.prev
    if (line.prev !== expectedPrev) {
      problems.push({
        index,
        kind: 'broken_link',
        message: `line ${index + 1} does not link to the line before it`,
      })
    }
    if ('record' in line) {
      let actual: string | undefined
      try {
        actual = entryHash(line.prev, line.seq, line.record)
      } catch {
        actual = undefined
      }
      if (actual !== line.hash) {
        problems.push({
          index,
          kind: 'hash_mismatch',
          message: `line ${index + 1} was changed after it was written`,
        })
      }
    }
    last = { seq: line.seq, hash: line.hash }
  })
  if (options.anchor) {
    const a = options.anchor
    if (!last || last.seq < a.seq) {
      problems.push({
        index: lines.length,
        kind: 'truncated',
        message: `the log ends at seq ${last?.seq ?? -1} but its head anchor says ${a.seq}`,
      })
    } else {
      const at = lines.find((l) => isEntryShape(l) && l.seq === a.seq) as { hash: string } | undefined
      if (at?.hash !== a.hash) {
        problems.push({
          index: lines.length,
          kind: 'head_mismatch',
          message: `the entry at seq ${a.seq} does not match the head anchor`,
        })
      }
    }
  }
  return { ok: problems.length === 0, count: lines.length, head: last, problems }
}

function isEntryShape(
  v: unknown,
): v is { seq: number; prev: string; hash: string } & ({ record: EvidenceRecord } | { elided: true }) {
  if (typeof v !== 'object' || v === null) return false
  const e = v as Record<string, unknown>
  return (
    Number.isInteger(e.seq) &&
    typeof e.prev === 'string' &&
    typeof e.hash === 'string' &&
    ((typeof e.record === 'object' && e.record !== null) || e.elided === true)
  )
}

/** A portable evidence bundle (JSON). Verifies offline with `comment-shield evidence verify`. */
export interface EvidenceBundle {
  format: 'comment-shield-evidence/1'
  /** What the bundle is about: a report id, comment id or target id. */
  subject: string
  exportedAt: string
  /** The ledger head when exported. */
  head: LedgerHead
  /** A contiguous run of the chain up to the head: the selected entries in full, the others elided to their hashes. */
  entries: Array<LedgerEntry | { seq: number; prev: string; hash: string; elided: true }>
}

/**
 * Verifies an evidence bundle offline.
 *
 * @param bundle - parsed bundle JSON
 * @returns the result
 */
export function verifyBundle(bundle: unknown): VerifyResult {
  const b = bundle as Partial<EvidenceBundle> | null
  if (
    typeof b !== 'object' ||
    b === null ||
    b.format !== 'comment-shield-evidence/1' ||
    !Array.isArray(b.entries)
  ) {
    return {
      ok: false,
      count: 0,
      problems: [{ index: 0, kind: 'unparseable', message: 'not a comment-shield evidence bundle' }],
    }
  }
  return verifyEntries(b.entries, { anchor: b.head, fromGenesis: false })
}

/** Options of {@link createEvidenceLedger}. */
export interface EvidenceLedgerOptions {
  storage: LedgerStorage
  /** Clock (ms since epoch). Default `Date.now`. */
  now?: () => number
  /** Normalises text for `normalizedText`. Default core's `normalize` (what the detectors see). */
  normalize?: (text: string) => string
}

/** The ledger. */
export interface EvidenceLedger {
  /** Appends a record; resolves once it is durable. */
  append(input: EvidenceInput): Promise<LedgerEntry>
  /** Verifies the whole stored chain against its head anchor. */
  verify(): Promise<VerifyResult>
  /** Every entry (unparseable lines are skipped; `verify` reports them). */
  entries(): Promise<LedgerEntry[]>
  /** A bundle of the records whose id, comment id or target id is `subject`; undefined when none. */
  bundle(subject: string): Promise<EvidenceBundle | undefined>
  /** Waits for pending appends, then closes the storage. */
  close(): Promise<void>
}

/**
 * Creates an evidence ledger over a storage. Appends from this process are serialised; appends from other
 * processes sharing the storage (Redis) are ordered by compare-and-append.
 *
 * @param options - storage, clock
 * @returns the ledger
 * @example
 * ```ts
 * const ledger = createEvidenceLedger({ storage: createFileLedgerStorage('evidence.jsonl') })
 * await ledger.append({ kind: 'report', text: '…', reason: 'doxing', commentId: 'c1' })
 * ```
 */
export function createEvidenceLedger(options: EvidenceLedgerOptions): EvidenceLedger {
  const { storage } = options
  const now = options.now ?? Date.now
  const normalize = options.normalize ?? ((t: string) => coreNormalize(t).text)
  let queue: Promise<unknown> = Promise.resolve()

  async function appendNow(input: EvidenceInput): Promise<LedgerEntry> {
    // A plain JSON round trip drops undefined members and copies; entryHash applies the canonical encoding.
    const record: EvidenceRecord = JSON.parse(
      JSON.stringify({
        ...input,
        id: input.id ?? randomUUID(),
        recordedAt: new Date(now()).toISOString(),
        normalizedText: input.normalizedText ?? normalize(input.text),
      }),
    ) as EvidenceRecord
    for (let attempt = 0; attempt < 20; attempt++) {
      const head = await storage.head()
      const seq = head ? head.seq + 1 : 0
      const prev = head ? head.hash : GENESIS_HASH
      const entry: LedgerEntry = { seq, prev, hash: entryHash(prev, seq, record), record }
      if (await storage.append(entry, head)) return entry
    }
    throw new ModerationError('STORE_UNAVAILABLE', 'The evidence ledger is too contended to append.')
  }

  return {
    append(input) {
      const run = queue.then(() => appendNow(input))
      queue = run.catch(() => undefined)
      return run
    },
    async close() {
      await queue
      await storage.close?.()
    },
    async verify() {
      const [lines, anchor] = await Promise.all([storage.read(), storage.anchor()])
      return verifyEntries(lines, { anchor })
    },
    async entries() {
      return (await storage.read()).filter((l): l is LedgerEntry => typeof l !== 'string')
    },
    async bundle(subject) {
      const all = (await storage.read()).filter((l): l is LedgerEntry => typeof l !== 'string')
      const selected = (e: LedgerEntry): boolean =>
        e.record.id === subject || e.record.commentId === subject || e.record.targetId === subject
      const first = all.findIndex(selected)
      if (first < 0) return undefined
      const last = all[all.length - 1]!
      return {
        format: 'comment-shield-evidence/1',
        subject,
        exportedAt: new Date(now()).toISOString(),
        head: { seq: last.seq, hash: last.hash },
        entries: all
          .slice(first)
          .map((e) => (selected(e) ? e : { seq: e.seq, prev: e.prev, hash: e.hash, elided: true as const })),
      }
    },
  }
}

/**
 * Ledger storage in memory (tests, the demo). Bounded only by what you append.
 *
 * @returns the storage
 */
export function createMemoryLedgerStorage(): LedgerStorage & { lines: Array<LedgerEntry | string> } {
  const lines: Array<LedgerEntry | string> = []
  let head: LedgerHead | undefined
  return {
    lines,
    head: () => Promise.resolve(head),
    anchor: () => Promise.resolve(head),
    read: () => Promise.resolve([...lines]),
    append(entry, expected) {
      if (head?.hash !== expected?.hash) return Promise.resolve(false)
      lines.push(entry)
      head = { seq: entry.seq, hash: entry.hash }
      return Promise.resolve(true)
    },
  }
}
