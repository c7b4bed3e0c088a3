// A fetch-style route handler, e.g. Next.js `app/api/comments/route.ts`: `export const POST = …`.
// The same function runs on Bun, Deno, Cloudflare Workers or any `(Request) => Promise<Response>` runtime.
import { createFetchHandler, createShieldRouter } from '@comment-shield/node'

export const POST = createFetchHandler({
  field: 'text',
  locale: 'en',
  handler: async (_request, { body, decision }) =>
    Response.json({ text: body.text, action: decision.action }, { status: 201 }),
})

// e.g. Next.js `app/api/shield/[...path]/route.ts`: `export const GET = shield.fetch, POST = shield.fetch`
export const shield = createShieldRouter({ basePath: '/api/shield' })
