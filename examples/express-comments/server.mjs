import { createApp } from './app.mjs'

const port = Number(process.env.PORT ?? 3001)
createApp({ evidencePath: process.env.EVIDENCE_FILE }).listen(port, () => {
  console.log(`Express example: http://localhost:${port}/comments (POST {"text": "..."})`)
})
