import { serve } from '@hono/node-server'
import { createApp } from './app.mjs'

const port = Number(process.env.PORT ?? 3003)
serve({ fetch: createApp().fetch, port })
console.log(`Hono example: http://localhost:${port}/comments (POST {"text": "..."})`)
