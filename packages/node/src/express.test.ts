import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { moderation } from '@comment-shield/node/express'

let server: Server
let base: string
const received: unknown[] = []

beforeAll(async () => {
  const app = express()
  app.post('/comments', moderation({ field: 'text', maxBodyBytes: 1024 }), (req, res) => {
    received.push(req.body as unknown)
    res.status(201).json({ body: req.body as unknown, action: req.commentShield?.decision.action })
  })
  app.post('/strict', moderation({ onPii: 'reject', locale: 'en' }), (_req, res) => {
    res.status(201).end()
  })
  app.post('/parsed', express.json(), moderation({ field: 'comment.text' }), (req, res) => {
    res.status(201).json(req.body)
  })
  server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.close()
  await once(server, 'close')
})

function post(path: string, body: string, type = 'application/json'): Promise<Response> {
  return fetch(base + path, { method: 'POST', headers: { 'content-type': type }, body })
}

describe('moderation() express middleware', () => {
  it('redacts a phone number before the route handler runs', async () => {
    const res = await post('/comments', JSON.stringify({ text: '加我 13800138000', author: 'a' }))
    expect(res.status).toBe(201)
    const json = (await res.json()) as { body: { text: string; author: string }; action: string }
    expect(json.body).toEqual({ text: '加我 138****8000', author: 'a' })
    expect(json.action).toBe('redact')
  })

  it('passes clean comments through unchanged with an allow decision', async () => {
    const res = await post('/comments', JSON.stringify({ text: '写得好' }))
    expect(await res.json()).toEqual({ body: { text: '写得好' }, action: 'allow' })
  })

  it('accepts an HTML form body', async () => {
    const res = await post('/comments', 'text=mail+me+a%40b.io', 'application/x-www-form-urlencoded')
    const json = (await res.json()) as { body: { text: string } }
    expect(json.body.text).toBe('mail me [邮箱]')
  })

  it('rejects with 422 problem+json when the policy says reject', async () => {
    const res = await post('/strict', JSON.stringify({ text: 'call 13800138000' }))
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const problem = (await res.json()) as { status: number; categories: string[]; detail: string }
    expect(problem.status).toBe(422)
    expect(problem.categories).toEqual(['phone'])
    expect(problem.detail).toMatch(/personal information/)
  })

  it('answers malformed JSON with a 400 problem and does not crash', async () => {
    const before = received.length
    const res = await post('/comments', '{"text": "unterminated')
    expect(res.status).toBe(400)
    expect(((await res.json()) as { title: string }).title).toBe('Bad request')
    expect(received.length).toBe(before)
    // The server still serves the next request.
    expect((await post('/comments', JSON.stringify({ text: 'ok' }))).status).toBe(201)
  })

  it('answers an oversized body with a 413 problem', async () => {
    const res = await post('/comments', JSON.stringify({ text: 'x'.repeat(5000) }))
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('answers an oversized chunked body (no content-length) with 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(600))
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"text":"'))
        c.enqueue(chunk)
        c.enqueue(chunk)
        c.enqueue(new TextEncoder().encode('"}'))
        c.close()
      },
    })
    const res = await fetch(`${base}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    })
    expect(res.status).toBe(413)
  })

  it('answers a wrong content type with 415', async () => {
    const res = await post('/comments', 'text', 'text/plain')
    expect(res.status).toBe(415)
  })

  it('answers a missing text field with 400', async () => {
    const res = await post('/comments', JSON.stringify({ body: 'x' }))
    expect(res.status).toBe(400)
  })

  it('moderates a body already parsed by express.json(), at a nested field', async () => {
    const res = await post('/parsed', JSON.stringify({ comment: { text: 'a@b.io' } }))
    expect(await res.json()).toEqual({ comment: { text: '[邮箱]' } })
  })
})
