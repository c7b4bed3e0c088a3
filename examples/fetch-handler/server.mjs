// Serves the fetch handlers with node:http (toNodeListener bridges Node and Web Request/Response).
import { createServer } from 'node:http'
import { toNodeListener } from '@comment-shield/node'
import { POST, shield } from './route.mjs'

const port = Number(process.env.PORT ?? 3004)
createServer(
  toNodeListener((request, info) =>
    new URL(request.url).pathname === '/api/comments' && request.method === 'POST'
      ? POST(request)
      : shield.fetch(request, info),
  ),
).listen(port, () =>
  console.log(`fetch example: http://localhost:${port}/api/comments (POST {"text": "..."})`),
)
