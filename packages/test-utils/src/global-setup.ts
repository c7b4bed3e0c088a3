/**
 * Vitest global setup: starts a throwaway `redis-server` on loopback for the tests and provides its URL as
 * `inject('redisUrl')`; checks Chromium is installed. Nothing is skipped when either is missing: the run fails.
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import type { TestProject } from 'vitest/node'
import { chromiumPath, requireProgram } from './system.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string
    redisPort: number
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

async function waitForRedis(port: number, child: ReturnType<typeof spawn>): Promise<void> {
  const { connect } = await import('node:net')
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`)
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.write('PING\r\n')
        socket.once('data', (d) => {
          socket.destroy()
          resolve(d.toString().startsWith('+PONG'))
        })
      })
      socket.once('error', () => resolve(false))
    })
    if (ok) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('redis-server did not answer PING within 10 s')
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  chromiumPath()
  const redis = requireProgram('redis-server', 'REDIS_SERVER_PATH')
  const port = await freePort()
  const child = spawn(
    redis,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  )
  await waitForRedis(port, child)
  project.provide('redisUrl', `redis://127.0.0.1:${port}`)
  project.provide('redisPort', port)
  return async () => {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}
