/**
 * `comment-shield demo`: serves the demo site (what `npm start` runs).
 *
 * @module
 */
import type { Server } from 'node:http'
import { createDemoApp } from '../demo/index.ts'
import { flagValue } from './io.ts'
import type { CliCommand } from './io.ts'

export const demoCommand: CliCommand = {
  summary: 'serve the demo site (a news article with a protected comment thread)',
  help: `Usage: comment-shield demo [--port N] [--host H] [--evidence FILE.jsonl]

Serves the demo at http://localhost:3000 until interrupted (Ctrl-C).
  --port N          port (default: $PORT, else 3000; 0 picks a free one)
  --host H          interface to bind (default: all)
  --evidence FILE   keep the evidence ledger in this JSONL file (default: memory)
Exit codes: 0 stopped by a signal, 1 the server could not start (e.g. port in use), 2 usage error.
`,
  async run(args, io) {
    const portArg = flagValue(args, '--port') ?? process.env.PORT ?? '3000'
    const port = Number(portArg)
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      io.stderr.write(`comment-shield: --port must be 0..65535; got ${portArg}\n`)
      return 2
    }
    const host = flagValue(args, '--host')
    const server: Server = createDemoApp({ evidencePath: flagValue(args, '--evidence') })
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => resolve())
      })
    } catch (error) {
      io.stderr.write(`comment-shield: the demo could not start: ${(error as Error).message}\n`)
      return 1
    }
    const address = server.address()
    const actual = typeof address === 'object' && address ? address.port : port
    io.stdout.write(`Comment Shield demo: http://localhost:${actual}\n`)
    io.stdout.write(
      `Try: curl -s -X POST http://localhost:${actual}/api/comments -H 'content-type: application/json' -d '{"text":"call me 13800138000"}'\n`,
    )
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        server.close(() => resolve())
        server.closeAllConnections()
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    return 0
  },
}
