/**
 * The real `@comment-shield/node` endpoints on loopback, for the widget's browser tests: `createShieldRouter`
 * with a memory store and core's real moderator, mounted on `node:http` through the package's own
 * `toNodeListener` adapter, behind CORS for the vitest page and a thin fault-injection proxy.
 *
 * ```
 * browser ──► fault proxy (:p) ──► CORS + toNodeListener(router.fetch) (:q)
 * ```
 *
 * The proxy passes every request through unchanged, except while a fault is switched on and for its own
 * test-only endpoints (never part of the product):
 *
 * - `POST /__harness/fault` `{ mode: 'none' | 'offline' | 'error' | 'rate-limited' }`: `offline` drops every
 *   connection without a response, `error` answers API requests 503, `rate-limited` answers them 429 with
 *   `retry-after: 30` (CORS preflights still pass, so the page can read the status and header).
 * - `POST /__harness/reset`: a fresh router, moderator and store (no reports, no pile-ons, no rate-limit counts),
 *   and no fault.
 * - `GET /__harness/reports`: every report the router accepted since the last reset, as its `onReport` hook saw it.
 *
 * Protection switches (`POST {base}/targets/:id/protection`) are authorised for requests carrying
 * `authorization: Bearer ${HARNESS_MODERATOR_TOKEN}`.
 *
 * **Loading.** A vitest global setup's own bare imports resolve like Node's (to `dist/`), so importing
 * `@comment-shield/node` here would run stale or missing builds, and importing its sources by URL would still
 * give it core's `dist/`. The packages are therefore loaded through {@link ShieldHarnessOptions.load}, the
 * project's Vite SSR environment, which applies the `@comment-shield/source` condition to every import (the
 * widget project's `ssr.resolve.conditions` in vitest.config.ts): the whole server runs from source.
 *
 * @module
 */
import { createServer, request as forward } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type * as CoreModule from '@comment-shield/core'
import type * as NodeModule from '@comment-shield/node'

type Core = typeof CoreModule
type NodePackage = typeof NodeModule

/** The bearer token the harness's `authorize` hook accepts for protection switches. */
export const HARNESS_MODERATOR_TOKEN = 'harness-moderator'

/** A fault the proxy injects into API traffic. */
export type HarnessFault = 'none' | 'offline' | 'error' | 'rate-limited'

/** A report as the router's `onReport` hook received it. */
export type HarnessReport = Record<string, unknown> & { id: string }

/** Options of {@link startShieldHarness}. */
export interface ShieldHarnessOptions {
  /**
   * Loads `@comment-shield/core` and `@comment-shield/node`. Pass the project's SSR module runner
   * (`(id) => project.vite.environments.ssr.runner.import(id)`): it resolves them, and core as imported by node, with the
   * `@comment-shield/source` condition, so the harness runs the working tree's sources whether or not `dist/` is
   * built. A plain `(id) => import(id)` runs the built `dist/` instead (run `npm run build` first).
   */
  load: ModuleLoader
  /** Where the router is mounted. Default `/api/shield`. */
  basePath?: string
}

/** A running harness. */
export interface ShieldHarness {
  /** The proxy's origin, e.g. `http://127.0.0.1:41234`: what the browser talks to. */
  url: string
  /** The real server's origin, behind the proxy. */
  upstream: string
  close(): Promise<void>
}

/** Loads a module the way the project's SSR environment does (workspace packages from their sources). */
export type ModuleLoader = (specifier: string) => Promise<unknown>

async function loadPackages(load: ModuleLoader): Promise<{ core: Core; node: NodePackage }> {
  const [core, node] = await Promise.all([
    load('@comment-shield/core') as Promise<Core>,
    load('@comment-shield/node') as Promise<NodePackage>,
  ])
  return { core, node }
}

/** Loopback pages only: the vitest page's origin is `http://localhost:<port>` or `http://127.0.0.1:<port>`. */
const LOOPBACK_ORIGIN = /^http:\/\/(?:localhost|127\.0\.0\.1)(?::\d{1,5})?$/

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin
  if (!origin || !LOOPBACK_ORIGIN.test(origin)) return {}
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-headers': 'content-type, accept, authorization',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-expose-headers': 'retry-after',
    vary: 'origin',
  }
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
    }),
  )
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = ''
  for await (const chunk of req) raw += String(chunk)
  try {
    const value: unknown = JSON.parse(raw || '{}')
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/**
 * Starts the real router and the fault proxy in front of it.
 *
 * @param options - the mount path
 * @returns the running harness
 */
export async function startShieldHarness(options: ShieldHarnessOptions): Promise<ShieldHarness> {
  const basePath = options.basePath ?? '/api/shield'
  const { core, node } = await loadPackages(options.load)
  let reports: HarnessReport[] = []

  function createRouter(): NodeModule.ShieldRouter {
    const now = (): number => Date.now()
    const store = core.createMemoryStore({ now })
    // The real moderator (rule layer, pile-on detector, protection mode, offender ledger). The detector's
    // pile-on bar is lowered so a test can raise a pile-on with a handful of hostile comments.
    const moderator = core.createModerator({
      now,
      store,
      pileOn: {
        elevatedAuthors: 2,
        pileOnAuthors: 3,
        amplifiedAuthors: 3,
        elevatedPValue: 0.1,
        pileOnPValue: 0.02,
      },
    })
    return node.createShieldRouter({
      basePath,
      moderator,
      store,
      now,
      authorize: (request) => request.headers.get('authorization') === `Bearer ${HARNESS_MODERATOR_TOKEN}`,
      onReport: (report) => void reports.push({ ...report }),
    })
  }

  let router = createRouter()
  const listener = node.toNodeListener((request, info) => router.fetch(request, info))
  // The host application's part: CORS for the page, then the package's node:http adapter.
  const real = createServer((req, res) => {
    const cors = corsHeaders(req)
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors)
      return res.end()
    }
    for (const [key, value] of Object.entries(cors)) res.setHeader(key, value)
    listener(req, res)
  })
  const upstream = await listen(real)
  const upstreamUrl = new URL(upstream)

  let fault: HarnessFault = 'none'
  const proxy = createServer((req, res) => {
    const cors = corsHeaders(req)
    const path = req.url ?? '/'
    if (path.startsWith('/__harness/')) {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors)
        return res.end()
      }
      void (async () => {
        if (path === '/__harness/reports') return json(res, 200, reports, cors)
        const body = await readJson(req)
        if (path === '/__harness/reset') {
          router = createRouter()
          reports = []
          fault = 'none'
          return json(res, 200, { fault }, cors)
        }
        if (path === '/__harness/fault') {
          const mode = body.mode
          if (mode !== 'none' && mode !== 'offline' && mode !== 'error' && mode !== 'rate-limited') {
            return json(res, 400, { error: 'mode must be none, offline, error or rate-limited' }, cors)
          }
          fault = mode
          return json(res, 200, { fault }, cors)
        }
        return json(res, 404, { error: 'unknown harness endpoint' }, cors)
      })()
      return
    }
    if (fault === 'offline') return void req.socket.destroy()
    if (fault !== 'none' && req.method !== 'OPTIONS') {
      const rateLimited = fault === 'rate-limited'
      res.writeHead(rateLimited ? 429 : 503, {
        'content-type': 'application/problem+json',
        ...(rateLimited ? { 'retry-after': '30' } : {}),
        ...cors,
      })
      return void res.end(
        JSON.stringify({
          type: 'about:blank',
          title: rateLimited ? 'Too many requests' : 'Service unavailable',
          status: rateLimited ? 429 : 503,
          detail: 'Injected by the test harness.',
        }),
      )
    }
    const out = forward(
      {
        host: upstreamUrl.hostname,
        port: upstreamUrl.port,
        method: req.method,
        path,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    out.on('error', () => req.socket.destroy())
    req.pipe(out)
  })
  const url = await listen(proxy)
  return {
    url,
    upstream,
    close: async () => {
      await close(proxy)
      await close(real)
    },
  }
}
