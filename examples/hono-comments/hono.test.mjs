import { describe, expect, it } from 'vitest'
import { createApp } from './app.mjs'
import { runServer } from '../fetch-handler/run-server.mjs'

const app = createApp()

describe('examples/hono-comments', () => {
  it('hands the handler the redacted body', async () => {
    const res = await app.request('/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: '加我 13800138000' }),
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ text: '加我 138****8000', action: 'redact' })
  })

  it('serves /check under the wildcard route', async () => {
    const res = await app.request('/api/shield/check', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hello' }),
    })
    expect((await res.json()).decision.action).toBe('allow')
  })

  it('runs as a server (npm start)', async () => {
    const res = await runServer(new URL('./server.mjs', import.meta.url), '/comments', { text: 'a@b.io' })
    expect(res).toEqual({ status: 201, json: { text: '[邮箱]', action: 'redact' } })
  })
})
