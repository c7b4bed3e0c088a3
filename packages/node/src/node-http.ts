/**
 * Bridges Node's `http` types and Web `Request`/`Response`, for the adapters and plain `node:http` servers.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * Builds a Web Request from a Node request. The body streams lazily; cancelling it pauses the socket instead
 * of destroying it, so a 413 answer still reaches the client.
 *
 * @param req - the Node request (its `url` is used, so mount prefixes stripped by a framework stay stripped)
 * @param url - the path and query to use instead of `req.url`
 * @returns the Web request
 */
export function toWebRequest(req: IncomingMessage, url: string = req.url ?? '/'): Request {
  const headers = new Headers()
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value)
    else if (Array.isArray(value)) for (const v of value) headers.append(key, v)
  }
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const body = hasBody
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          req.on('data', (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)))
          req.on('end', () => controller.close())
          req.on('error', (err) => controller.error(err))
        },
        cancel() {
          req.pause()
        },
      })
    : null
  return new Request(`http://${req.headers.host ?? 'localhost'}${url}`, {
    method,
    headers,
    body,
    duplex: 'half',
  })
}

/**
 * Writes a Web Response to a Node response.
 *
 * @param res - the Node response
 * @param response - the Web response
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') res.setHeader(key, value)
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('set-cookie', cookies)
  res.end(Buffer.from(await response.arrayBuffer()))
}

/**
 * The remote address of a Node request, for per-client rate limits.
 *
 * @param req - the Node request
 * @returns the socket's remote address or `unknown`
 */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown'
}

/**
 * Turns a fetch handler into a `node:http` request listener.
 *
 * @param handle - `(request) => Promise<Response>`
 * @returns a listener for `http.createServer`
 * @example
 * ```ts
 * createServer(toNodeListener(createFetchHandler({ handler }))).listen(3000)
 * ```
 */
export function toNodeListener(
  handle: (request: Request, info: { clientId: string }) => Response | Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return function commentShieldListener(req, res) {
    Promise.resolve()
      .then(() => handle(toWebRequest(req), { clientId: clientAddress(req) }))
      .then((response) => sendWebResponse(res, response))
      .catch(() => {
        if (!res.headersSent) res.statusCode = 500
        res.end()
      })
  }
}
