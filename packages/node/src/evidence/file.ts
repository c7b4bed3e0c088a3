/**
 * JSONL file storage for the evidence ledger: one entry per line, fsync'd on every append, with a head
 * anchor (`<file>.head`) beside it. A torn last line left by a crash is moved to `<file>.quarantine-<time>`
 * and reported, never silently dropped.
 *
 * @module
 */
import { open, readFile, rename, writeFile } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import type { LedgerEntry, LedgerHead, LedgerStorage } from './ledger.ts'

/** Options of {@link createFileLedgerStorage}. */
export interface FileLedgerStorageOptions {
  /** Called when a torn last line was found and moved aside. */
  onQuarantine?: (info: { path: string; bytes: number }) => void
  /** Clock for the quarantine file name. Default `Date.now`. */
  now?: () => number
}

/**
 * Creates the JSONL file storage. Single-writer: one process appends to a file (use Redis for a fleet).
 *
 * @param path - the `.jsonl` file (created when missing)
 * @param options - quarantine hook
 * @returns the storage
 * @example
 * ```ts
 * const ledger = createEvidenceLedger({ storage: createFileLedgerStorage('./evidence.jsonl') })
 * ```
 */
export function createFileLedgerStorage(path: string, options: FileLedgerStorageOptions = {}): LedgerStorage {
  const headPath = `${path}.head`
  let ready: Promise<void> | undefined
  let handle: FileHandle | undefined
  let head: LedgerHead | undefined

  async function load(): Promise<void> {
    let raw: Buffer
    try {
      raw = await readFile(path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      raw = Buffer.alloc(0)
    }
    // A complete line ends with "\n"; whatever follows the last "\n" was torn by a crash mid-write.
    let good = raw.lastIndexOf(0x0a) + 1
    // A last line that ends with "\n" but does not parse was also torn (e.g. zero-filled by the filesystem).
    const lines = raw.subarray(0, good).toString('utf8').split('\n')
    lines.pop()
    const lastLine = lines[lines.length - 1]
    if (lastLine !== undefined && parse(lastLine) === undefined) {
      good -= Buffer.byteLength(lastLine) + 1
      lines.pop()
    }
    if (good < raw.length) {
      const quarantine = `${path}.quarantine-${options.now?.() ?? Date.now()}`
      await writeFile(quarantine, raw.subarray(good), { flush: true })
      const fh = await open(path, 'r+')
      await fh.truncate(good)
      await fh.sync()
      await fh.close()
      options.onQuarantine?.({ path: quarantine, bytes: raw.length - good })
    }
    for (let i = lines.length - 1; i >= 0; i--) {
      const e = parse(lines[i]!)
      if (e) {
        head = { seq: e.seq, hash: e.hash }
        break
      }
    }
    handle = await open(path, 'a')
  }

  function init(): Promise<void> {
    ready ??= load()
    return ready
  }

  async function readAnchor(): Promise<LedgerHead | undefined> {
    try {
      return JSON.parse(await readFile(headPath, 'utf8')) as LedgerHead
    } catch {
      return undefined
    }
  }

  return {
    async head() {
      await init()
      return head
    },
    async append(entry, expected) {
      await init()
      if (head?.hash !== expected?.hash) return false
      await handle!.appendFile(`${JSON.stringify(entry)}\n`)
      await handle!.sync()
      head = { seq: entry.seq, hash: entry.hash }
      // Write the anchor atomically (temp file + rename) so a crash leaves the old or the new one.
      await writeFile(`${headPath}.tmp`, JSON.stringify(head), { flush: true })
      await rename(`${headPath}.tmp`, headPath)
      return true
    },
    async read() {
      await init()
      const text = await readFile(path, 'utf8')
      return text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => parse(l) ?? l)
    },
    anchor: readAnchor,
    async close() {
      await ready?.catch(() => undefined)
      await handle?.close()
      handle = undefined
      ready = undefined
    },
  }
}

function parse(line: string): LedgerEntry | undefined {
  try {
    const v = JSON.parse(line) as LedgerEntry
    return typeof v === 'object' && v !== null && Number.isInteger(v.seq) && typeof v.hash === 'string'
      ? v
      : undefined
  } catch {
    return undefined
  }
}
