/**
 * Express 5 middleware: moderates the comment in the request body before the route handler runs, and
 * mounts the endpoints router.
 *
 * @module
 */
import type {
  NextFunction,
  Request as ExpressRequest,
  RequestHandler,
  Response as ExpressResponse,
} from 'express'
import { createShield } from './handler.ts'
import type { CommentShieldState, ShieldOptions } from './handler.ts'
import { clientAddress, sendWebResponse, toWebRequest } from './node-http.ts'
import { createShieldRouter } from './router.ts'
import type { ShieldRouter, ShieldRouterOptions } from './router.ts'

/** Options of {@link moderation}. */
export type ModerationOptions = ShieldOptions
export type { CommentShieldState } from './handler.ts'

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `@comment-shield/node/express` on requests it let through. */
    commentShield?: CommentShieldState
  }
}

/**
 * Creates the Express middleware. Rejected comments get 422 problem+json; redacted ones reach the handler
 * already redacted in `req.body`; the decision is on `req.commentShield`.
 *
 * @param options - shield options
 * @returns an Express request handler
 * @example
 * ```ts
 * app.post('/comments', moderation({ field: 'text' }), (req, res) => res.json(req.body))
 * ```
 */
export function moderation(options: ModerationOptions = {}): RequestHandler {
  const shield = createShield(options)
  return async function moderation(
    req: ExpressRequest,
    res: ExpressResponse,
    next: NextFunction,
  ): Promise<void> {
    try {
      const request = toWebRequest(req, req.originalUrl)
      // A body parser that ran before us has consumed the stream: moderate what it parsed.
      const result =
        req.body !== undefined && req.readableEnded
          ? await shield.inspectBody(req.body, request)
          : await shield.inspect(request)
      if (!result.ok) {
        await sendWebResponse(res, result.response)
        return
      }
      const { ok: _ok, body, ...state } = result
      req.body = body
      req.commentShield = state
      next()
    } catch (error) {
      next(error)
    }
  }
}

/**
 * Mounts the endpoints (`/check`, `/reports`, `/targets/:id/protection`, `/evidence/:id`) under `app.use(path, …)`.
 *
 * @param options - router options, or a router made with `createShieldRouter`
 * @returns an Express request handler
 * @example
 * ```ts
 * app.use('/api/shield', shieldRouter({ ledger, authorize: (req) => isModerator(req) }))
 * ```
 */
export function shieldRouter(options: ShieldRouterOptions | ShieldRouter = {}): RequestHandler {
  // Express strips the mount path from req.url, so the router matches without a base path.
  const router = 'handle' in options ? options : createShieldRouter({ ...options, basePath: undefined })
  return async function shieldRouter(
    req: ExpressRequest,
    res: ExpressResponse,
    next: NextFunction,
  ): Promise<void> {
    try {
      let request = toWebRequest(req, req.url)
      if (req.body !== undefined && req.readableEnded) {
        request = new Request(request.url, {
          method: req.method,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(req.body),
        })
      }
      const response = await router.handle(request, { clientId: clientAddress(req) })
      if (response) await sendWebResponse(res, response)
      else next()
    } catch (error) {
      next(error)
    }
  }
}
