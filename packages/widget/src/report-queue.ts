/**
 * The offline queue of `<comment-shield-report>`: reports that could not be sent wait in `localStorage` (so they
 * survive a reload) and are retried with exponential back-off. Bounded in count and age.
 *
 * Hand-written rather than a library (e.g. workbox-background-sync) because those need a service worker,
 * which a widget dropped into someone else's page cannot install.
 *
 * @module
 */
import type { ReportPayload } from './transport.ts'

/** One queued report. */
export interface QueuedReport {
  /** Stable key: endpoint, comment id and reason. Re-reporting the same thing replaces the entry. */
  key: string
  /** Where it goes (empty when the host page's own `onReport` sends it). */
  endpoint: string
  report: ReportPayload
  attempts: number
  /** Epoch ms before which it is not retried. */
  nextAt: number
  queuedAt: number
}

/** The minimal storage the queue needs; `localStorage` fits. */
export interface QueueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** Options of {@link createReportQueue}. */
export interface ReportQueueOptions {
  /** Where entries persist. Default `localStorage` when usable, else memory only. */
  storage?: QueueStorage | null
  /** Storage key. Default `comment-shield:report-queue`. */
  key?: string
  /** Most entries kept; the oldest is dropped first. Default 50. */
  max?: number
  /** Entries older than this are dropped. Default 7 days. */
  maxAgeMs?: number
  /** Clock, injected for tests. Default `Date.now`. */
  now?: () => number
}

/** A report queue. */
export interface ReportQueue {
  /** Adds (or replaces) a report and returns its entry. */
  add(endpoint: string, report: ReportPayload): QueuedReport
  /** Every live entry, oldest first. */
  list(): QueuedReport[]
  /** Entries for this endpoint that are due now (or all of them with `force`), and not already being sent. */
  take(endpoint: string, force?: boolean): QueuedReport[]
  /** Removes a delivered (or refused) entry. */
  remove(key: string): void
  /** Puts an entry back after a failed attempt; waits `retryAfterMs`, else 2 s · 2^attempts (max 5 min). */
  release(key: string, retryAfterMs?: number): void
  /** Milliseconds until the earliest retry for this endpoint (0 when overdue), or undefined when nothing waits. */
  wait(endpoint: string): number | undefined
}

const DEFAULT_KEY = 'comment-shield:report-queue'
const BASE_DELAY = 2_000
const MAX_DELAY = 5 * 60_000

function defaultStorage(): QueueStorage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    // Access throws when storage is disabled (e.g. third-party iframes with cookies blocked).
    return null
  }
}

function isEntry(value: unknown): value is QueuedReport {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Partial<QueuedReport>
  return (
    typeof v.key === 'string' &&
    typeof v.endpoint === 'string' &&
    typeof v.attempts === 'number' &&
    typeof v.nextAt === 'number' &&
    typeof v.queuedAt === 'number' &&
    typeof v.report === 'object' &&
    v.report !== null
  )
}

/**
 * Creates a report queue.
 *
 * @param options - storage, bounds and clock
 * @returns the queue
 * @example
 * ```ts
 * const queue = createReportQueue({ storage: sessionStorage, max: 20 })
 * queue.add('/api/shield/reports', report)
 * ```
 */
export function createReportQueue(options: ReportQueueOptions = {}): ReportQueue {
  const storage = options.storage === undefined ? defaultStorage() : options.storage
  const storageKey = options.key ?? DEFAULT_KEY
  const max = options.max ?? 50
  const maxAgeMs = options.maxAgeMs ?? 7 * 24 * 60 * 60_000
  const now = options.now ?? Date.now
  let memory: QueuedReport[] = []
  /** Keys handed out by `take` and not yet removed or released: never sent twice at once. */
  const inFlight = new Set<string>()

  function load(): QueuedReport[] {
    let entries = memory
    if (storage) {
      try {
        const parsed: unknown = JSON.parse(storage.getItem(storageKey) ?? '[]')
        entries = Array.isArray(parsed) ? parsed.filter(isEntry) : []
      } catch {
        entries = memory
      }
    }
    const cutoff = now() - maxAgeMs
    return entries.filter((e) => e.queuedAt >= cutoff).slice(-max)
  }

  function save(entries: QueuedReport[]): void {
    memory = entries.slice(-max)
    if (!storage) return
    try {
      storage.setItem(storageKey, JSON.stringify(memory))
    } catch {
      // Quota exceeded or storage disabled: the in-memory copy still retries during this visit.
    }
  }

  return {
    add(endpoint, report) {
      const key = `${endpoint}\n${report.commentId}\n${report.reason}`
      // It has just failed: the first retry waits the base delay (the `online` event or a reload force it sooner).
      const entry: QueuedReport = {
        key,
        endpoint,
        report,
        attempts: 0,
        nextAt: now() + BASE_DELAY,
        queuedAt: now(),
      }
      save([...load().filter((e) => e.key !== key), entry])
      return entry
    },
    list: load,
    take(endpoint, force = false) {
      const t = now()
      const due = load().filter(
        (e) => e.endpoint === endpoint && !inFlight.has(e.key) && (force || e.nextAt <= t),
      )
      for (const e of due) inFlight.add(e.key)
      return due
    },
    remove(key) {
      inFlight.delete(key)
      save(load().filter((e) => e.key !== key))
    },
    release(key, retryAfterMs) {
      inFlight.delete(key)
      save(
        load().map((e) => {
          if (e.key !== key) return e
          const attempts = e.attempts + 1
          const delay = retryAfterMs ?? Math.min(MAX_DELAY, BASE_DELAY * 2 ** Math.min(attempts, 20))
          return { ...e, attempts, nextAt: now() + delay }
        }),
      )
    },
    wait(endpoint) {
      const times = load()
        .filter((e) => e.endpoint === endpoint && !inFlight.has(e.key))
        .map((e) => e.nextAt)
      return times.length ? Math.max(0, Math.min(...times) - now()) : undefined
    },
  }
}

let shared: ReportQueue | undefined

/**
 * The page-wide queue every `<comment-shield-report>` shares (created on first use; nothing runs at import).
 *
 * @returns the shared queue, backed by `localStorage`
 */
export function sharedReportQueue(): ReportQueue {
  shared ??= createReportQueue()
  return shared
}
