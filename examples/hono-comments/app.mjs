// Hono: the middleware before the handler, the endpoints on a wildcard route.
import { Hono } from 'hono'
import { moderation, shieldRoutes } from '@comment-shield/node/hono'

export function createApp() {
  const app = new Hono()
  app.post('/comments', moderation({ field: 'text', locale: 'zh-CN' }), async (c) => {
    // The body the handler reads is already redacted; the decision is c.get('commentShield').
    const { text } = await c.req.json()
    return c.json({ text, action: c.get('commentShield').decision.action }, 201)
  })
  app.all('/api/shield/*', shieldRoutes({ basePath: '/api/shield' }))
  return app
}
