import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyBundle } from '@comment-shield/node'
import { createApp } from './app.mjs'
import { runServer } from '../fetch-handler/run-server.mjs'

let server
let base
beforeAll(async () => {
  server = createApp().listen(0, '127.0.0.1')
  await once(server, 'listening')
  base = `http://127.0.0.1:${server.address().port}`
})
afterAll(() => server.close())

const post = (path, body, headers = {}) =>
  fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('examples/express-comments', () => {
  it('redacts, then exports the flagged comment as evidence for a moderator only', async () => {
    const res = await post('/comments', { text: '他的电话 13800138000', postId: 'p1' }, { 'x-user-id': 'u1' })
    expect(res.status).toBe(201)
    expect((await res.json()).comment.text).toBe('他的电话 138****8000')
    expect((await fetch(`${base}/api/shield/evidence/p1`)).status).toBe(403)
    const bundle = await (
      await fetch(`${base}/api/shield/evidence/p1`, { headers: { 'x-role': 'moderator' } })
    ).json()
    expect(verifyBundle(bundle).ok).toBe(true)
    expect(bundle.entries[0].record).toMatchObject({
      authorId: 'u1',
      targetId: 'p1',
      text: '他的电话 13800138000',
    })
  })

  it('answers malformed JSON with 400 problem+json', async () => {
    const res = await fetch(`${base}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/problem\+json/)
  })

  it('runs as a server (npm start)', async () => {
    const res = await runServer(new URL('./server.mjs', import.meta.url), '/comments', { text: 'a@b.io' })
    expect(res).toMatchObject({ status: 201 })
    expect(res.json.comment.text).toBe('[邮箱]')
  })
})
