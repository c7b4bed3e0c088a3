/**
 * Fastify 5 plugin: moderates comments on the routes of the scope it is registered in, and a plugin that
 * mounts the endpoints router.
 *
 * @module
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Readable } from 'node:stream'
import { createShield } from './handler.ts'
import type { CommentShieldState, ShieldOptions } from './handler.ts'
import { sendWebResponseToReply, toWebRequestFrom } from './fastify-bridge.ts'
import { createShieldRouter } from './router.ts'
import type { ShieldRouter, ShieldRouterOptions } from './router.ts'

/** Options of {@link commentShield}. */
export type CommentShieldPluginOptions = ShieldOptions
export type { CommentShieldState } from './handler.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `@comment-shield/node/fastify` on requests it let through. */
    commentShield?: CommentShieldState
  }
}

// Registering with `skip-override` applies the plugin to the scope it is registered in (what fastify-plugin does).
const SKIP_OVERRIDE = Symbol.for('skip-override')
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])

/**
 * The Fastify plugin. Register it inside the scope of your comment routes: it takes over body parsing there
 * (so 400/413/415 answers are problem+json like every adapter's), moderates POST/PUT/PATCH bodies in a
 * `preHandler` hook, and sets `request.body` (redacted when needed) and `request.commentShield`.
 *
 * @example
 * ```ts
 * await app.register(async (scope) => {
 *   await scope.register(commentShield, { field: 'text' })
 *   scope.post('/comments', async (req, reply) => reply.code(201).send(req.body))
 * })
 * ```
 */
export const commentShield: FastifyPluginAsync<CommentShieldPluginOptions> = Object.assign(
  function commentShield(fastify: FastifyInstance, options: CommentShieldPluginOptions): Promise<void> {
    const shield = createShield(options)
    fastify.removeAllContentTypeParsers()
    // Keep the raw stream: the shield reads it with its own limit.
    fastify.addContentTypeParser(
      '*',
      (_req: FastifyRequest, payload: Readable, done: (e: null, body: Readable) => void) => {
        done(null, payload)
      },
    )
    if (!fastify.hasRequestDecorator('commentShield')) fastify.decorateRequest('commentShield', undefined)
    fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!BODY_METHODS.has(request.method)) return
      const payload = isReadable(request.body) ? request.body : undefined
      const result = await shield.inspect(toWebRequestFrom(request, payload))
      if (!result.ok) {
        await sendWebResponseToReply(reply, result.response)
        return reply
      }
      const { ok: _ok, body, ...state } = result
      request.body = body
      request.commentShield = state
    })
    return Promise.resolve()
  },
  { [SKIP_OVERRIDE]: true },
)

/** Options of {@link shieldRoutes}. */
export type ShieldRoutesOptions = ShieldRouterOptions & { router?: ShieldRouter }

/**
 * A Fastify plugin that serves the endpoints under its `prefix`.
 *
 * @example
 * ```ts
 * await app.register(shieldRoutes, { prefix: '/api/shield', ledger })
 * ```
 */
export const shieldRoutes: FastifyPluginAsync<ShieldRoutesOptions> = function shieldRoutes(
  fastify: FastifyInstance,
  options: ShieldRoutesOptions,
): Promise<void> {
  const router = options.router ?? createShieldRouter({ ...options, basePath: fastify.prefix || undefined })
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser(
    '*',
    (_req: FastifyRequest, payload: Readable, done: (e: null, body: Readable) => void) => {
      done(null, payload)
    },
  )
  fastify.all('/*', async (request, reply) => {
    const payload = isReadable(request.body) ? request.body : undefined
    const response = await router.fetch(toWebRequestFrom(request, payload), { clientId: request.ip })
    await sendWebResponseToReply(reply, response)
    return reply
  })
  return Promise.resolve()
}

function isReadable(v: unknown): v is Readable {
  return typeof v === 'object' && v !== null && typeof (v as Readable).on === 'function'
}
