import { once } from 'node:events'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { analyzeComment, createMemoryStore, loadAbuseModel } from '@comment-shield/core'
import type { AbuseScorer, AnalyzeCommentResponse } from '@comment-shield/core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { toNodeListener } from './node-http.ts'
import { createShieldRouter } from './router.ts'
import type { ShieldRouterOptions } from './router.ts'

// Perspective's comments:analyze served by the router over real HTTP, as a site's Perspective client calls it
// once its base URL points at the Comment Shield server instead of commentanalyzer.googleapis.com.
const servers: Server[] = []

async function serve(options: ShieldRouterOptions = {}): Promise<string> {
  const router = createShieldRouter({ store: createMemoryStore({ now: Date.now }), ...options })
  const server = createServer(toNodeListener((request, info) => router.fetch(request, info)))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  servers.push(server)
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

afterAll(async () => {
  await Promise.all(
    servers.map(async (s) => {
      s.close()
      await once(s, 'close')
    }),
  )
})

const analyzePath = '/v1alpha1/comments:analyze'
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

const REQUEST = {
  comment: { text: '你这个傻逼，我知道你家住哪' },
  requestedAttributes: { TOXICITY: {}, SEVERE_TOXICITY: {}, INSULT: {}, THREAT: {}, PROFANITY: {} },
  languages: ['zh'],
  doNotStore: true,
  clientToken: 'client-42',
}

let base: string
beforeAll(async () => {
  base = await serve()
})

describe('POST /v1alpha1/comments:analyze (Perspective compatibility)', () => {
  it('answers an AnalyzeComment request with the scores of the local analysis (model loaded)', async () => {
    const res = await post(`${base}${analyzePath}?key=any`, REQUEST)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = (await res.json()) as AnalyzeCommentResponse
    await loadAbuseModel()
    expect(body).toEqual(await analyzeComment(REQUEST))
    expect(body.attributeScores.THREAT!.summaryScore.value).toBeGreaterThan(0.5)
    expect(body).toMatchObject({ languages: ['zh'], detectedLanguages: ['zh'], clientToken: 'client-42' })
  })

  it('serves under a base path and with the colon percent-encoded', async () => {
    const mounted = await serve({ basePath: '/api/shield' })
    for (const path of ['/api/shield/v1alpha1/comments:analyze', '/api/shield/v1alpha1/comments%3Aanalyze']) {
      const res = await post(`${mounted}${path}`, REQUEST)
      expect(res.status, `status of ${path}`).toBe(200)
    }
    expect((await post(`${mounted}${analyzePath}`, REQUEST)).status).toBe(404)
  })

  it('answers a bad request with a Google API error naming the field', async () => {
    const res = await post(`${base}${analyzePath}`, { ...REQUEST, requestedAttributes: { SPAM: {} } })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        message: expect.stringContaining('Attribute SPAM is not supported') as unknown,
        details: [
          { fieldViolations: [{ field: 'requestedAttributes.SPAM' }] },
          { errorType: 'ATTRIBUTE_NOT_SUPPORTED' },
        ],
      },
    })
  })

  it('answers transport problems in the same format', async () => {
    const small = await serve({ perspective: { maxBodyBytes: 100 } })
    const big = await post(`${small}${analyzePath}`, { ...REQUEST, comment: { text: 'a'.repeat(200) } })
    expect(big.status).toBe(413)
    expect(await big.json()).toMatchObject({ error: { code: 413, status: 'OUT_OF_RANGE' } })
    const notJson = await post(`${base}${analyzePath}`, 'comment=hi', { 'content-type': 'text/plain' })
    expect(notJson.status).toBe(415)
    expect(await notJson.json()).toMatchObject({ error: { code: 415, status: 'INVALID_ARGUMENT' } })
    const broken = await post(`${base}${analyzePath}`, '{"comment":')
    expect(await broken.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } })
  })

  it('checks API keys from ?key= or x-goog-api-key when configured', async () => {
    const keyed = await serve({ perspective: { apiKeys: ['k-1', 'k-2'] } })
    const missing = await post(`${keyed}${analyzePath}`, REQUEST)
    expect(missing.status).toBe(403)
    expect(await missing.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } })
    const wrong = await post(`${keyed}${analyzePath}?key=nope`, REQUEST)
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({
      error: { status: 'INVALID_ARGUMENT', message: 'API key not valid. Please pass a valid API key.' },
    })
    expect((await post(`${keyed}${analyzePath}?key=k-1`, REQUEST)).status).toBe(200)
    expect((await post(`${keyed}${analyzePath}`, REQUEST, { 'x-goog-api-key': 'k-2' })).status).toBe(200)
  })

  it('limits requests with 429 RESOURCE_EXHAUSTED and retry-after', async () => {
    const limited = await serve({ perspective: { limit: { limit: 2, windowMs: 60_000 } } })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await post(`${limited}${analyzePath}?key=a`, REQUEST)).status)
    expect(statuses).toEqual([200, 200, 429])
    const over = await post(`${limited}${analyzePath}?key=a`, REQUEST)
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await over.json()).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } })
  })

  it('limits per API key when keys are configured, else per client (made-up keys do not reset it)', async () => {
    const limit = { limit: 1, windowMs: 60_000 }
    const open = await serve({ perspective: { limit } })
    expect((await post(`${open}${analyzePath}?key=a`, REQUEST)).status).toBe(200)
    expect((await post(`${open}${analyzePath}?key=b`, REQUEST)).status).toBe(429)
    const keyed = await serve({ perspective: { limit, apiKeys: ['a', 'b'] } })
    expect((await post(`${keyed}${analyzePath}?key=a`, REQUEST)).status).toBe(200)
    expect((await post(`${keyed}${analyzePath}?key=a`, REQUEST)).status).toBe(429)
    expect((await post(`${keyed}${analyzePath}?key=b`, REQUEST)).status).toBe(200)
  })

  it('runs the configured scorers and falls back to the local scores when one fails', async () => {
    const onError = vi.fn()
    const failing: AbuseScorer = { name: 'claude', score: () => Promise.reject(new Error('down')) }
    const url = await serve({ perspective: { scorers: [failing] }, onError })
    const res = await post(`${url}${analyzePath}`, REQUEST)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(await analyzeComment(REQUEST))
    expect(onError).toHaveBeenCalledOnce()
  })

  it('can be turned off', async () => {
    const off = await serve({ perspective: false })
    expect((await post(`${off}${analyzePath}`, REQUEST)).status).toBe(404)
    expect((await post(`${off}/check`, { text: 'hi' })).status).toBe(200)
  })
})
