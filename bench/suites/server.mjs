// Server overhead: autocannon on loopback at a fixed 2,000 req/s against the demo's JSON comment endpoint
// (POST /api/comments), without the shield (a handler doing the same body parse and store) and with it, on the
// memory store and on Redis (a throwaway redis-server on a free loopback port). Reports client-side latency
// (autocannon, 1 ms resolution) and the server-side handling time (performance.now(), µs resolution) from
// which the added p50/p99 are computed. Runs against the built dist/ output.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import autocannon from 'autocannon'
import { Redis } from 'ioredis'
import { readBody, toNodeListener } from '@comment-shield/node'
import { createDemoHandler } from '@comment-shield/node/demo'
import { createRedisStore } from '@comment-shield/node/redis'

export const title = 'Server overhead (autocannon, fixed 2,000 req/s, loopback)'

const RATE = Number(process.env.BENCH_RATE ?? 2000)
const DURATION = Number(process.env.BENCH_SECONDS ?? 8)
const BODIES = [
  { text: '小伙子好样的！心肺复苏真的应该普及。', author: 'a' },
  { text: 'Proud of this kid. Every school should teach CPR.', author: 'b' },
  { text: '他的电话是13800138000，大家去问候一下', author: 'c' },
  { text: '你这个废物，滚出去', author: 'd' },
]

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createNetServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/** The same endpoint without the shield: parse the body, store the comment, answer 201. */
function baselineHandler() {
  const comments = []
  let id = 0
  return {
    async fetch(request) {
      const parsed = await readBody(request, 64 * 1024)
      if (!parsed.ok) return parsed.response
      const comment = {
        id: `c${++id}`,
        author: parsed.body.author,
        text: parsed.body.text,
        at: new Date().toISOString(),
      }
      comments.unshift(comment)
      if (comments.length > 500) comments.length = 500
      return Response.json({ comment }, { status: 201 })
    },
  }
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN
}

async function measure(app) {
  let samples = []
  const server = createServer(
    toNodeListener(async (request, info) => {
      const t0 = performance.now()
      const response = await app.fetch(request, info)
      samples.push(performance.now() - t0)
      return response
    }),
  )
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const url = `http://127.0.0.1:${server.address().port}`
  const requests = BODIES.map((b) => ({
    method: 'POST',
    path: '/api/comments',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(b),
  }))
  // warm-up (JIT, model load), then the measured run
  // The load generator runs in a worker thread so it does not share the server's event loop.
  const load = { url, connections: 20, overallRate: RATE, requests, workers: 1 }
  await autocannon({ ...load, duration: 2 })
  samples = []
  const result = await autocannon({ ...load, duration: DURATION })
  server.close()
  server.closeAllConnections()
  const sorted = samples.sort((a, b) => a - b)
  return {
    rps: Math.round(result.requests.average),
    errors: result.errors,
    non2xx: result.non2xx,
    clientP50: result.latency.p50,
    clientP99: result.latency.p99,
    serverP50: percentile(sorted, 50),
    serverP99: percentile(sorted, 99),
  }
}

async function withRedis(fn) {
  const port = await freePort()
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  )
  const probe = new Redis(port, '127.0.0.1', { retryStrategy: () => 50, maxRetriesPerRequest: null })
  probe.on('error', () => undefined)
  await probe.ping()
  probe.disconnect()
  try {
    return await fn(`redis://127.0.0.1:${port}`)
  } finally {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
}

export async function run() {
  const baseline = await measure(baselineHandler())
  const memory = await measure(createDemoHandler({ seed: false }))
  const redis = await withRedis(async (url) => {
    const store = createRedisStore({ redis: url })
    try {
      return await measure(createDemoHandler({ seed: false, store }))
    } finally {
      await store.close()
    }
  })
  const f = (n) => (Number.isFinite(n) ? n.toFixed(3) : 'n/a')
  const row = (name, r) =>
    `| ${name} | ${r.rps} | ${r.errors} | ${r.non2xx} | ${r.clientP50} | ${r.clientP99} | ${f(r.serverP50)} | ${f(r.serverP99)} | ${
      r === baseline ? '—' : f(r.serverP50 - baseline.serverP50)
    } | ${r === baseline ? '—' : f(r.serverP99 - baseline.serverP99)} |`
  console.log(
    `Target rate ${RATE} req/s for ${DURATION} s, 20 connections; 4 comments in rotation (clean zh/en, phone, insult).\n`,
  )
  console.log(
    '| setup | req/s | errors | 422 rejects | client p50 ms | client p99 ms | server p50 ms | server p99 ms | added p50 ms | added p99 ms |',
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  console.log(row('no shield (same endpoint)', baseline))
  console.log(row('shield, memory store', memory))
  console.log(row('shield, Redis store', redis))
  const ok = memory.serverP99 - baseline.serverP99 < 1
  console.log(`\nTarget p99 added < 1 ms with the memory store: ${ok ? 'met' : 'NOT met'}.`)
  return { rate: RATE, seconds: DURATION, baseline, memory, redis }
}
