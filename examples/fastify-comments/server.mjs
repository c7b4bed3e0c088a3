import { createApp } from './app.mjs'

const app = await createApp()
const port = Number(process.env.PORT ?? 3002)
await app.listen({ port })
console.log(`Fastify example: http://localhost:${port}/comments (POST {"text": "..."})`)
