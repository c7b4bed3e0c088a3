/**
 * Express 5 middleware: moderates the comment in the request body before the route handler runs.
 *
 * @module
 */
import type {
  NextFunction,
  Request as ExpressRequest,
  RequestHandler,
  Response as ExpressResponse,
} from 'express'
import type { Decision, Verdict } from '@comment-shield/core'
import { createShield } from './handler.ts'
import type { ShieldOptions } from './handler.ts'

/** Options of {@link moderation}. */
export type ModerationOptions = ShieldOptions

/** What the middleware attaches to `req.commentShield`. */
export interface CommentShieldState {
  decision: Decision
  verdict: Verdict
}

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
      // A body parser that ran before us has consumed the stream: moderate what it parsed.
      const result =
        req.body !== undefined && req.readableEnded
          ? shield.inspectBody(req.body)
          : await shield.inspect(toRequest(req))
      if (!result.ok) {
        await writeResponse(res, result.response)
        return
      }
      req.body = result.body
      req.commentShield = { decision: result.decision, verdict: result.verdict }
      next()
    } catch (error) {
      next(error)
    }
  }
}

function toRequest(req: ExpressRequest): Request {
  const headers = new Headers()
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value)
    else if (Array.isArray(value)) for (const v of value) headers.append(key, v)
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)))
      req.on('end', () => controller.close())
      req.on('error', (err) => controller.error(err))
    },
    cancel() {
      req.pause()
    },
  })
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.originalUrl}`, {
    method: req.method,
    headers,
    body,
    duplex: 'half',
  })
}

async function writeResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status)
  response.headers.forEach((value, key) => res.setHeader(key, value))
  res.end(Buffer.from(await response.arrayBuffer()))
}
