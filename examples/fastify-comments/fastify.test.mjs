import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from './app.mjs'
import { runServer } from '../fetch-handler/run-server.mjs'

let app
beforeAll(async () => {
  app = await createApp()
})
afterAll(() => app.close())

describe('examples/fastify-comments', () => {
  it('redacts a comment and keeps fastify routes native', async () => {
    const res = await app.inject({ method: 'POST', url: '/comments', payload: { text: 'call 13800138000' } })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toEqual({ text: 'call 138****8000', action: 'redact' })
  })

  it('answers a wrong content type with 415 problem+json', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/comments',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    })
    expect(res.statusCode).toBe(415)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
  })

  it('serves the report endpoint', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/shield/reports',
      payload: {
        commentId: 'c1',
        reason: 'insult',
        text: 'x',
        url: 'https://x/',
        at: '2026-11-22T10:00:00Z',
      },
    })
    expect(res.statusCode).toBe(201)
  })

  it('runs as a server (npm start)', async () => {
    const res = await runServer(new URL('./server.mjs', import.meta.url), '/comments', { text: 'a@b.io' })
    expect(res).toEqual({ status: 201, json: { text: '[email]', action: 'redact' } })
  })
})
