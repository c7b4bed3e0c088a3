/**
 * Hono middleware: moderates the comment before the route handler, and a handler for the endpoints router.
 *
 * @module
 */
import type { Context, MiddlewareHandler, Handler } from 'hono'
import { createShield } from './handler.ts'
import type { CommentShieldState, ShieldOptions } from './handler.ts'
import { createShieldRouter } from './router.ts'
import type { ShieldRouter, ShieldRouterOptions } from './router.ts'

/** Options of {@link moderation}. */
export type ModerationOptions = ShieldOptions
export type { CommentShieldState } from './handler.ts'

/** Variables the middleware sets: `c.get('commentShield')`. */
export interface CommentShieldVariables {
  commentShield: CommentShieldState
}

/**
 * Creates the Hono middleware. The route handler reads the (possibly redacted) body with `c.req.json()` or
 * `c.req.parseBody()` as usual, and the decision with `c.get('commentShield')`.
 *
 * @param options - shield options
 * @returns a Hono middleware
 * @example
 * ```ts
 * app.post('/comments', moderation({ field: 'text' }), async (c) => c.json(await c.req.json(), 201))
 * ```
 */
export function moderation(
  options: ModerationOptions = {},
): MiddlewareHandler<{ Variables: CommentShieldVariables }> {
  const shield = createShield(options)
  return async function moderation(c, next) {
    const raw = c.req.raw
    const result = await shield.inspect(raw)
    if (!result.ok) return result.response
    const { ok: _ok, body, ...state } = result
    // Hand the handler a fresh request carrying the moderated body (the original stream is consumed).
    const headers = new Headers(raw.headers)
    headers.set('content-type', 'application/json')
    headers.delete('content-length')
    c.req.raw = new Request(raw.url, { method: raw.method, headers, body: JSON.stringify(body) })
    c.set('commentShield', state)
    await next()
  }
}

/**
 * A Hono handler for the endpoints router; mount it with a wildcard route.
 *
 * @param options - router options (set `basePath` to the mount path), or a router
 * @returns a Hono handler
 * @example
 * ```ts
 * app.all('/api/shield/*', shieldRoutes({ basePath: '/api/shield', ledger }))
 * ```
 */
export function shieldRoutes(options: ShieldRouterOptions | ShieldRouter = {}): Handler {
  const router = 'handle' in options ? options : createShieldRouter(options)
  return async function shieldRoutes(c: Context): Promise<Response> {
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
    return router.fetch(c.req.raw, { clientId: incoming?.socket?.remoteAddress })
  }
}
