// A thin runner for the demo (`npm start` runs the same app through `comment-shield demo`):
// http://localhost:3000, PORT overrides.
import { createDemoApp } from '@comment-shield/node/demo'

const port = Number(process.env.PORT ?? 3000)
const server = createDemoApp().listen(port, () => {
  const { port: actual } = server.address()
  console.log(`Comment Shield demo: http://localhost:${actual}`)
  console.log(
    `Try: curl -s -X POST http://localhost:${actual}/api/comments -H 'content-type: application/json' -d '{"text":"call me 13800138000"}'`,
  )
})
