import { analyze, analyzeComment } from '@comment-shield/core'
import type { Decision } from '@comment-shield/core'
import { expect, it, vi } from 'vitest'
import type { ShieldComment } from './handler.ts'
import { createEvidenceLedger, createMemoryLedgerStorage } from './evidence/index.ts'
import { describeAdapters } from './testing/describe-adapters.ts'
import type { Echo } from './testing/describe-adapters.ts'

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

function decision(action: Decision['action'], categories: string[] = []): Decision {
  return {
    action,
    reasons: categories.map((c) => `abuse:${c}`),
    categories,
    userMessage: { 'zh-CN': '不行', en: 'No.' },
  }
}

describeAdapters('comment endpoint contract', (t) => {
  it('redacts a phone number before the route handler runs and attaches the decision', async () => {
    const app = await t.app({ field: 'text' })
    const res = await app.request('/comments', json({ text: '加我 13800138000', author: 'a' }))
    expect(res.status).toBe(201)
    const echo = (await res.json()) as Echo
    expect(echo.body).toEqual({ text: '加我 138****8000', author: 'a' })
    expect(echo.state.decision.action).toBe('redact')
    expect(echo.state).toMatchObject({ text: '加我 138****8000', enforced: true, degraded: false })
  })

  it('passes a clean comment through with an allow decision', async () => {
    const app = await t.app()
    const echo = (await (await app.request('/comments', json({ text: '写得好' }))).json()) as Echo
    expect(echo.body).toEqual({ text: '写得好' })
    expect(echo.state.decision.action).toBe('allow')
  })

  it('accepts an HTML form body', async () => {
    const app = await t.app()
    const res = await app.request('/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=mail+me+a%40b.io',
    })
    expect(((await res.json()) as Echo).body.text).toBe('mail me [邮箱]')
  })

  it('rejects with 422 problem+json, category codes and a localised message', async () => {
    const app = await t.app({
      locale: 'en',
      moderator: (c) => ({ verdict: analyze(c.text), decision: decision('reject', ['threat']) }),
    })
    const res = await app.request('/comments', json({ text: 'x' }))
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const problem = (await res.json()) as { status: number; categories: string[]; detail: string }
    expect(problem).toMatchObject({ status: 422, categories: ['threat'], detail: 'No.' })
    expect(app.received).toEqual([])
  })

  it('hands a held comment to the handler with the hold decision, unchanged', async () => {
    const app = await t.app({
      moderator: (c) => ({ verdict: analyze(c.text), decision: decision('hold', ['insult']) }),
    })
    const echo = (await (await app.request('/comments', json({ text: '你这个废物' }))).json()) as Echo
    expect(echo.body.text).toBe('你这个废物')
    expect(echo.state.decision.action).toBe('hold')
  })

  it('in shadow mode reports the decision but lets the comment through untouched', async () => {
    const onDecision = vi.fn()
    const app = await t.app({
      mode: 'shadow',
      onDecision,
      moderator: (c) => ({ verdict: analyze(c.text), decision: decision('reject', ['threat']) }),
    })
    const res = await app.request('/comments', json({ text: '13800138000' }))
    expect(res.status).toBe(201)
    const echo = (await res.json()) as Echo
    expect(echo.body.text).toBe('13800138000')
    expect(echo.state).toMatchObject({ enforced: false, decision: { action: 'reject' } })
    expect(onDecision).toHaveBeenCalledWith(expect.objectContaining({ mode: 'shadow', enforced: false }))
  })

  it('passes author, target and locale to the moderator', async () => {
    const seen: ShieldComment[] = []
    const app = await t.app({
      locale: 'en',
      getAuthor: (req) => req.headers.get('x-user') ?? undefined,
      getTarget: (_req, body) => body.postId as string,
      moderator: (c) => {
        seen.push(c)
        return { verdict: analyze(c.text), decision: decision('allow') }
      },
    })
    await app.request('/comments', {
      ...json({ text: 'hi', postId: 'p1' }),
      headers: { 'content-type': 'application/json', 'x-user': 'u9' },
    })
    expect(seen[0]).toMatchObject({ text: 'hi', authorId: 'u9', targetId: 'p1', locale: 'en' })
  })

  it('finds the text with a field accessor', async () => {
    const app = await t.app({
      field: { get: (b) => (b.parts as string[]).join(''), set: (b, text) => ({ ...b, parts: [text] }) },
    })
    const echo = (await (await app.request('/comments', json({ parts: ['1380013', '8000'] }))).json()) as Echo
    expect(echo.body.parts).toEqual(['138****8000'])
  })

  it('answers malformed JSON with 400, keeps serving', async () => {
    const app = await t.app()
    const res = await app.request('/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text": "unterminated',
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(app.received).toEqual([])
    expect((await app.request('/comments', json({ text: 'ok' }))).status).toBe(201)
  })

  it('answers a wrong content type with 415', async () => {
    const app = await t.app()
    const res = await app.request('/comments', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    })
    expect(res.status).toBe(415)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('answers an oversized body with 413', async () => {
    const app = await t.app({ maxBodyBytes: 1024 })
    const res = await app.request('/comments', json({ text: 'x'.repeat(5000) }))
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('answers a missing text field with 400', async () => {
    const app = await t.app()
    expect((await app.request('/comments', json({ body: 'x' }))).status).toBe(400)
  })

  it('fails closed by default: 503, onError called, the handler never sees unchecked text', async () => {
    const onError = vi.fn()
    const app = await t.app({
      onError,
      moderator: () => {
        throw new Error('store down')
      },
    })
    const res = await app.request('/comments', json({ text: '13800138000' }))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(app.received).toEqual([])
    expect(onError).toHaveBeenCalledWith(
      expect.any(Error),
      expect.objectContaining({ phase: 'moderate', outcome: 'failed-closed' }),
    )
  })

  it('fails closed on a moderation timeout', async () => {
    const app = await t.app({ timeoutMs: 20, moderator: () => new Promise(() => undefined) })
    expect((await app.request('/comments', json({ text: 'hi' }))).status).toBe(503)
    expect(app.received).toEqual([])
  })

  it('fails open when configured: the comment passes unchanged, marked degraded', async () => {
    const onError = vi.fn()
    const app = await t.app({
      failMode: 'open',
      onError,
      moderator: () => Promise.reject(new Error('redis down')),
    })
    const echo = (await (await app.request('/comments', json({ text: '13800138000' }))).json()) as Echo
    expect(echo.body.text).toBe('13800138000')
    expect(echo.state).toMatchObject({ degraded: true, enforced: false, decision: { action: 'allow' } })
    expect(onError).toHaveBeenCalledWith(
      expect.any(Error),
      expect.objectContaining({ outcome: 'failed-open' }),
    )
  })

  it('survives a throwing onDecision hook (reported to onError)', async () => {
    const onError = vi.fn()
    const app = await t.app({
      onError,
      onDecision: () => {
        throw new Error('logger broke')
      },
    })
    expect((await app.request('/comments', json({ text: 'hi' }))).status).toBe(201)
    expect(onError).toHaveBeenCalledWith(expect.any(Error), expect.objectContaining({ phase: 'hook' }))
  })

  it('records flagged comments in the evidence ledger', async () => {
    const storage = createMemoryLedgerStorage()
    const ledger = createEvidenceLedger({ storage })
    const app = await t.app({ ledger, getTarget: () => 'victim-1' })
    await app.request('/comments', json({ text: '写得好' }))
    await app.request('/comments', json({ text: '他电话 13800138000' }))
    const entries = await ledger.entries()
    expect(entries).toHaveLength(1)
    expect(entries[0]!.record).toMatchObject({
      kind: 'comment',
      text: '他电话 13800138000',
      targetId: 'victim-1',
      decision: { action: 'redact' },
    })
  })

  it('serves /check through the mounted router', async () => {
    const app = await t.app()
    const res = await app.request('/api/shield/check', json({ text: '13800138000' }))
    expect(res.status).toBe(200)
    const out = (await res.json()) as { decision: Decision; verdict: { pii: unknown[] } }
    expect(out.decision.action).toBe('redact')
    expect(out.verdict.pii).toHaveLength(1)
  })

  it("serves Perspective's comments:analyze through the mounted router", async () => {
    const app = await t.app({}, { perspective: { apiKeys: ['k'] } })
    const request = { comment: { text: 'you idiot' }, requestedAttributes: { INSULT: {}, TOXICITY: {} } }
    const res = await app.request('/api/shield/v1alpha1/comments:analyze?key=k', json(request))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(await analyzeComment(request))
    const denied = await app.request('/api/shield/v1alpha1/comments:analyze', json(request))
    expect(denied.status).toBe(403)
    expect(await denied.json()).toMatchObject({ error: { status: 'PERMISSION_DENIED' } })
  })

  it('rate-limits /check with 429 and retry-after', async () => {
    const app = await t.app({}, { checkLimit: { limit: 2, windowMs: 60_000 } })
    for (let i = 0; i < 2; i++)
      expect((await app.request('/api/shield/check', json({ text: 'a' }))).status).toBe(200)
    const res = await app.request('/api/shield/check', json({ text: 'a' }))
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('receives a report and answers duplicate for the same one', async () => {
    const app = await t.app()
    const report = {
      commentId: 'c1',
      reason: 'doxing',
      text: '电话 13800138000',
      url: 'https://news.example/a',
      at: '2026-11-22T10:00:00Z',
    }
    const first = await app.request('/api/shield/reports', json(report))
    expect(first.status).toBe(201)
    const { id, status } = (await first.json()) as { id: string; status: string }
    expect(status).toBe('received')
    const again = await app.request('/api/shield/reports', json(report))
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ id, status: 'duplicate' })
  })

  it('reads and switches protection mode, behind the authorisation hook', async () => {
    const open = await t.app({}, { authorize: () => true })
    expect(await (await open.request('/api/shield/targets/t1/protection')).json()).toEqual({
      targetId: 't1',
      level: 'calm',
      protection: { active: false },
    })
    const on = await open.request(
      '/api/shield/targets/t1/protection',
      json({ active: true, durationMs: 60_000 }),
    )
    expect(((await on.json()) as { protection: { active: boolean } }).protection.active).toBe(true)
    const closed = await t.app()
    expect((await closed.request('/api/shield/targets/t1/protection', json({ active: true }))).status).toBe(
      403,
    )
  })

  it('answers 404 problem for an unknown endpoint under the mount path', async () => {
    const app = await t.app()
    expect((await app.request('/api/shield/nope', json({}))).status).toBe(404)
  })
})
