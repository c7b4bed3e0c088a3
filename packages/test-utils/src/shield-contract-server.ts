/**
 * A loopback stand-in for the `@comment-shield/node` endpoints (the HTTP contract of the team brief), for the
 * widget's browser tests until the real router lands. It answers cross-origin requests from the vitest page and
 * has a control API to simulate an outage:
 *
 * - `POST {base}/check` `{ text, … }` → 200 `{ decision, verdict }` (core `analyze` + `decide`).
 * - `POST {base}/reports` → 201 `{ id, status: 'received' }`, 200 `{ id, status: 'duplicate' }`, 400 problem+json.
 * - `GET|POST {base}/targets/:id/protection`.
 * - `POST /__control` `{ mode: 'online' | 'offline' | 'error' | 'rate-limited', reset? }`: `offline` drops the
 *   connection without a response, `error` answers 503, `rate-limited` answers 429 with `retry-after`.
 * - `GET /__control/reports` → every report received.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type * as CoreModule from '@comment-shield/core'

type Core = typeof CoreModule

/**
 * Core from its sources, by file URL: a global setup resolves bare specifiers without the project's
 * `@comment-shield/source` condition, which would load `dist/` (missing while someone rebuilds core).
 */
async function loadCore(): Promise<Core> {
  return (await import(/* @vite-ignore */ new URL('../../core/src/index.ts', import.meta.url).href)) as Core
}

const REASONS = new Set([
  'doxing',
  'threat',
  'threat_to_family',
  'insult',
  'sexual_harassment',
  'incitement',
  'pile_on',
  'spam_or_water_army',
  'other',
])

type Mode = 'online' | 'offline' | 'error' | 'rate-limited'

export interface ContractServer {
  server: Server
  url: string
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type })
  res.end(JSON.stringify(body))
}

function problem(res: ServerResponse, status: number, title: string, detail: string, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers })
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let raw = ''
  for await (const chunk of req) {
    raw += String(chunk)
    if (raw.length > 65_536) return undefined
  }
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}

export async function startContractServer(base = '/api/shield'): Promise<ContractServer> {
  const { analyze, decide } = await loadCore()
  let mode: Mode = 'online'
  let reports: Record<string, unknown>[] = []
  const seen = new Map<string, string>()
  const protection = new Map<string, { active: boolean; level: string }>()

  const server = createServer((req, res) => {
    void (async () => {
      res.setHeader('access-control-allow-origin', '*')
      res.setHeader('access-control-allow-headers', 'content-type, accept')
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS')
      res.setHeader('access-control-expose-headers', 'retry-after')
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      if (req.method === 'OPTIONS') {
        res.writeHead(204)
        return res.end()
      }
      if (url.pathname === '/__control' && req.method === 'POST') {
        const body = (await readJson(req)) as { mode?: Mode; reset?: boolean } | undefined
        if (body?.mode) mode = body.mode
        if (body?.reset) {
          reports = []
          seen.clear()
          protection.clear()
        }
        return send(res, 200, { mode })
      }
      if (url.pathname === '/__control/reports') return send(res, 200, reports)
      if (!url.pathname.startsWith(base)) return problem(res, 404, 'Not found', url.pathname)
      if (mode === 'offline') return req.socket.destroy()
      if (mode === 'error') return problem(res, 503, 'Service unavailable', 'Simulated outage.')
      if (mode === 'rate-limited') {
        return problem(res, 429, 'Too many requests', 'Slow down.', { 'retry-after': '30' })
      }
      const path = url.pathname.slice(base.length)
      if (path === '/check' && req.method === 'POST') {
        const body = (await readJson(req)) as { text?: unknown } | undefined
        if (typeof body?.text !== 'string') return problem(res, 400, 'Bad request', 'text must be a string')
        const verdict = analyze(body.text)
        // The stand-in's policy: personal information is redacted on the server.
        return send(res, 200, { decision: decide(verdict, { onPii: 'redact' }), verdict })
      }
      if (path === '/reports' && req.method === 'POST') {
        const body = (await readJson(req)) as Record<string, unknown> | undefined
        for (const field of ['commentId', 'reason', 'text', 'url', 'at']) {
          if (typeof body?.[field] !== 'string')
            return problem(res, 400, 'Bad request', `${field} is required`)
        }
        if (!REASONS.has(body!.reason as string)) return problem(res, 400, 'Bad request', 'unknown reason')
        const reporter = typeof body!.reporterId === 'string' ? body!.reporterId : ''
        const key = `${String(body!.commentId)}|${reporter}|${String(body!.reason)}`
        const existing = seen.get(key)
        if (existing) return send(res, 200, { id: existing, status: 'duplicate' })
        const id = `R-${String(reports.length + 1).padStart(4, '0')}`
        seen.set(key, id)
        reports.push({ ...body, id })
        return send(res, 201, { id, status: 'received' })
      }
      const match = /^\/targets\/([^/]{1,200})\/protection$/.exec(path)
      if (match) {
        const targetId = decodeURIComponent(match[1]!)
        if (req.method === 'POST') {
          const body = (await readJson(req)) as { active?: unknown; level?: unknown } | undefined
          protection.set(targetId, {
            active: body?.active === true,
            level: typeof body?.level === 'string' ? body.level : 'calm',
          })
        }
        const state = protection.get(targetId) ?? { active: false, level: 'calm' }
        return send(res, 200, { targetId, level: state.level, protection: { active: state.active } })
      }
      return problem(res, 404, 'Not found', url.pathname)
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
