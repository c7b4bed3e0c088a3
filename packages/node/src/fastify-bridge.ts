/**
 * Fastify ↔ Web Request/Response translation (kept apart so `fastify.ts` holds only the plugin wiring).
 *
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Readable } from 'node:stream'

/**
 * Builds a Web Request from a Fastify request and its unparsed payload stream.
 *
 * @param request - the Fastify request
 * @param payload - the raw body stream, when there is one
 * @returns the Web request
 */
export function toWebRequestFrom(request: FastifyRequest, payload: Readable | undefined): Request {
  const headers = new Headers()
  for (const [key, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(key, value)
    else if (Array.isArray(value)) for (const v of value) headers.append(key, v)
  }
  const body = payload
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          payload.on('data', (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)))
          payload.on('end', () => controller.close())
          payload.on('error', (err) => controller.error(err))
        },
        cancel() {
          payload.pause()
        },
      })
    : null
  return new Request(`http://${request.hostname || 'localhost'}${request.url}`, {
    method: request.method,
    headers,
    body,
    duplex: 'half',
  })
}

/**
 * Sends a Web Response through a Fastify reply.
 *
 * @param reply - the Fastify reply
 * @param response - the Web response
 */
export async function sendWebResponseToReply(reply: FastifyReply, response: Response): Promise<void> {
  reply.code(response.status)
  response.headers.forEach((value, key) => {
    reply.header(key, value)
  })
  await reply.send(Buffer.from(await response.arrayBuffer()))
}
