// A tiny static server for the plain-HTML example, with the strict CSP the widget must live under, plus an
// in-memory stand-in for the few Comment Shield endpoints the page calls (reports, protection state).
// In production, mount `@comment-shield/node` instead. Run: `node examples/plain-html/server.mjs` (PORT overrides).
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { dirname, extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const repo = join(here, '..', '..')
export const CSP = "default-src 'self'"
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
}
// Only these folders are served: the page itself and the widget's built bundle.
const ROOTS = ['/examples/plain-html/', '/packages/widget/dist/']

function send(res, status, body, type = 'application/json; charset=utf-8', headers = {}) {
  res.writeHead(status, { 'content-type': type, ...headers })
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body))
}

async function readJson(req) {
  let raw = ''
  for await (const chunk of req) {
    raw += chunk
    if (raw.length > 65_536) return undefined
  }
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}

/** Creates the example server (not yet listening). */
export function createPlainHtmlServer() {
  const reports = []
  const seen = new Map()
  const protection = new Map([['article-1', { level: 'pile_on', active: true }]])
  const comments = []

  return createServer(async (req, res) => {
    res.setHeader('content-security-policy', CSP)
    res.setHeader('x-content-type-options', 'nosniff')
    const url = new URL(req.url ?? '/', 'http://localhost')
    const path = url.pathname

    if (path === '/favicon.ico') return send(res, 204, '', 'image/x-icon')
    if (path === '/' || path === '/examples/plain-html') {
      return send(res, 302, '', 'text/plain', { location: '/examples/plain-html/' })
    }
    if (path === '/api/shield/reports' && req.method === 'POST') {
      const body = await readJson(req)
      if (!body || typeof body.commentId !== 'string' || typeof body.reason !== 'string') {
        return send(
          res,
          400,
          { title: 'Bad request', status: 400, detail: 'commentId and reason are required' },
          'application/problem+json',
        )
      }
      const key = `${body.commentId}|${body.reporterId ?? ''}|${body.reason}`
      if (seen.has(key)) return send(res, 200, { id: seen.get(key), status: 'duplicate' })
      const id = `R-${String(reports.length + 1).padStart(4, '0')}`
      seen.set(key, id)
      reports.push({ ...body, id })
      return send(res, 201, { id, status: 'received' })
    }
    const match = /^\/api\/shield\/targets\/([^/]{1,200})\/protection$/.exec(path)
    if (match && req.method === 'GET') {
      const targetId = decodeURIComponent(match[1])
      const state = protection.get(targetId) ?? { level: 'calm', active: false }
      return send(res, 200, { targetId, level: state.level, protection: { active: state.active } })
    }
    if (path === '/comments' && req.method === 'POST') {
      // Without JavaScript the form still posts here; a real backend enforces with @comment-shield/node.
      let raw = ''
      for await (const chunk of req) raw += chunk
      comments.push(new URLSearchParams(raw).get('text') ?? '')
      return send(res, 303, '', 'text/plain', { location: req.headers.referer ?? '/examples/plain-html/' })
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'Method not allowed', 'text/plain')

    let file = normalize(decodeURIComponent(path))
    if (file.endsWith('/')) file += 'index.html'
    if (!ROOTS.some((root) => file.startsWith(root)) || file.includes(`..${sep}`)) {
      return send(res, 404, 'Not found', 'text/plain')
    }
    try {
      const body = await readFile(join(repo, file))
      return send(res, 200, body, TYPES[extname(file)] ?? 'application/octet-stream')
    } catch {
      return send(res, 404, 'Not found', 'text/plain')
    }
  })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.env.PORT ?? 8080)
  const server = createPlainHtmlServer().listen(port, () => {
    console.log(
      `Comment Shield plain-HTML example: http://localhost:${server.address().port}/examples/plain-html/`,
    )
  })
}
