/**
 * `describeAdapters(title, fn)`: runs one contract suite against every adapter (fetch, express, fastify,
 * hono), each serving `POST /comments` behind the shield and the endpoints router under `/api/shield`
 * (h3's `describeMatrix` pattern, STYLE.md §5). Test-only; not exported by the package.
 */
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { afterAll, describe } from 'vitest'
import { createFetchHandler } from '../handler.ts'
import type { CommentShieldState, ShieldOptions } from '../handler.ts'
import { createShieldRouter } from '../router.ts'
import type { ShieldRouterOptions } from '../router.ts'
import { moderation as expressModeration, shieldRouter as expressRouter } from '../express.ts'
import { commentShield, shieldRoutes as fastifyRoutes } from '../fastify.ts'
import { moderation as honoModeration, shieldRoutes as honoRoutes } from '../hono.ts'
import type { CommentShieldVariables } from '../hono.ts'

/** What the echo handler answers with (201). */
export interface Echo {
  body: Record<string, unknown>
  state: Omit<CommentShieldState, 'verdict'>
}

/** A running app under test. */
export interface AdapterApp {
  request(path: string, init?: RequestInit): Promise<Response>
  close(): Promise<void>
  /** Bodies the route handler received. */
  received: unknown[]
}

/** Builds an app for a given configuration. */
export interface AdapterContext {
  name: 'fetch' | 'express' | 'fastify' | 'hono'
  app(shield?: ShieldOptions, router?: ShieldRouterOptions): Promise<AdapterApp>
}

type Builder = (shield: ShieldOptions, router: ShieldRouterOptions) => Promise<AdapterApp>

const builders: Record<AdapterContext['name'], Builder> = {
  fetch(shield, router) {
    const received: unknown[] = []
    const comments = createFetchHandler({
      ...shield,
      handler: (_req, { body, verdict: _v, ...state }) => {
        received.push(body)
        return Response.json({ body, state }, { status: 201 })
      },
    })
    const routes = createShieldRouter({ ...router, basePath: '/api/shield' })
    const handle = async (req: Request): Promise<Response> => {
      const { pathname } = new URL(req.url)
      if (pathname === '/comments' && req.method === 'POST') return comments(req)
      return routes.fetch(req, { clientId: '127.0.0.1' })
    }
    return Promise.resolve({
      received,
      request: (path, init) => handle(new Request(`http://local${path}`, init)),
      close: () => Promise.resolve(),
    })
  },
  async express(shield, router) {
    const received: unknown[] = []
    const app = express()
    app.post('/comments', expressModeration(shield), (req, res) => {
      received.push(req.body)
      const { verdict: _v, ...state } = req.commentShield!
      res.status(201).json({ body: req.body as unknown, state })
    })
    app.use('/api/shield', expressRouter(router))
    const server = app.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return {
      received,
      request: (path, init) => fetch(base + path, init),
      close: async () => {
        server.close()
        server.closeAllConnections()
        await once(server, 'close')
      },
    }
  },
  async fastify(shield, router) {
    const received: unknown[] = []
    const app = Fastify()
    await app.register(async (scope) => {
      await scope.register(commentShield, shield)
      scope.post('/comments', async (req, reply) => {
        received.push(req.body)
        const { verdict: _v, ...state } = req.commentShield!
        return reply.code(201).send({ body: req.body, state })
      })
    })
    await app.register(fastifyRoutes, { ...router, prefix: '/api/shield' })
    await app.ready()
    return {
      received,
      async request(path, init = {}) {
        const res = await app.inject({
          method: (init.method ?? 'GET') as 'GET',
          url: path,
          headers: Object.fromEntries(new Headers(init.headers).entries()),
          payload: typeof init.body === 'string' ? init.body : undefined,
        })
        return new Response(res.statusCode === 204 ? null : res.rawPayload, {
          status: res.statusCode,
          headers: Object.entries(res.headers).flatMap(([k, v]) =>
            v === undefined
              ? []
              : Array.isArray(v)
                ? v.map((x) => [k, x] as [string, string])
                : [[k, String(v)] as [string, string]],
          ),
        })
      },
      close: () => app.close(),
    }
  },
  hono(shield, router) {
    const received: unknown[] = []
    const app = new Hono<{ Variables: CommentShieldVariables }>()
    app.post('/comments', honoModeration(shield), async (c) => {
      const body = await c.req.json<Record<string, unknown>>()
      received.push(body)
      const { verdict: _v, ...state } = c.get('commentShield')
      return c.json({ body, state }, 201)
    })
    app.all('/api/shield/*', honoRoutes({ ...router, basePath: '/api/shield' }))
    return Promise.resolve({
      received,
      request: async (path: string, init?: RequestInit) => app.request(path, init),
      close: () => Promise.resolve(),
    })
  },
}

/**
 * Runs `fn` once per adapter inside `describe(title › adapter)`. Apps made with `t.app()` close after the suite.
 *
 * @param title - the suite's title
 * @param fn - the contract tests
 */
export function describeAdapters(title: string, fn: (t: AdapterContext) => void): void {
  for (const name of Object.keys(builders) as Array<AdapterContext['name']>) {
    describe(`${title} › ${name}`, () => {
      const open: AdapterApp[] = []
      afterAll(async () => {
        await Promise.all(open.map((a) => a.close()))
      })
      fn({
        name,
        async app(shield = {}, router = {}) {
          const app = await builders[name](shield, router)
          open.push(app)
          return app
        },
      })
    })
  }
}
