import { describe, expect, it } from 'vitest'
import { POST, shield } from './route.mjs'
import { runServer } from './run-server.mjs'

describe('examples/fetch-handler', () => {
  it('works as a Next.js-style route handler', async () => {
    const res = await POST(
      new Request('http://localhost/api/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'mail a@b.io' }),
      }),
    )
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ text: 'mail [email]', action: 'redact' })
  })

  it('answers an oversized body with 413', async () => {
    const res = await POST(
      new Request('http://localhost/api/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'x'.repeat(70_000) }),
      }),
    )
    expect(res.status).toBe(413)
  })

  it('serves protection state from the router', async () => {
    const res = await shield.fetch(new Request('http://localhost/api/shield/targets/ann/protection'))
    expect(await res.json()).toEqual({ targetId: 'ann', level: 'calm', protection: { active: false } })
  })

  it('runs as a server (npm start)', async () => {
    const res = await runServer(new URL('./server.mjs', import.meta.url), '/api/comments', {
      text: '13800138000',
    })
    expect(res).toEqual({ status: 201, json: { text: '138****8000', action: 'redact' } })
  })
})
