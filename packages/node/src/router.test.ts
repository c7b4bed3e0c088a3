import { createMemoryStore } from '@comment-shield/core'
import type { Store } from '@comment-shield/core'
import { describe, expect, it, vi } from 'vitest'
import { createEvidenceLedger, createMemoryLedgerStorage, verifyBundle } from './evidence/index.ts'
import type { EvidenceBundle } from './evidence/index.ts'
import { createShieldRouter } from './router.ts'
import type { ShieldRouterOptions } from './router.ts'

const T0 = Date.parse('2026-11-22T10:00:00Z')

function setup(options: ShieldRouterOptions = {}) {
  let t = T0
  const now = (): number => t
  const ledger = createEvidenceLedger({ storage: createMemoryLedgerStorage(), now })
  const router = createShieldRouter({
    basePath: '/s',
    ledger,
    now,
    store: createMemoryStore({ now }),
    ...options,
  })
  const post = (path: string, body: unknown, headers: Record<string, string> = {}, clientId = '10.0.0.1') =>
    router.fetch(
      new Request(`http://x/s${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
      { clientId },
    )
  const get = (path: string, headers: Record<string, string> = {}) =>
    router.fetch(new Request(`http://x/s${path}`, { headers }))
  return { router, ledger, post, get, advance: (ms: number) => (t += ms) }
}

const report = (over: Record<string, unknown> = {}) => ({
  commentId: 'c1',
  reason: 'threat_to_family',
  text: '我知道你家住哪',
  author: 'troll-1',
  targetId: 'victim',
  url: 'https://news.example/a#c1',
  at: '2026-11-22T09:59:00Z',
  ...over,
})

describe('createShieldRouter() /reports', () => {
  it('records a received report in the evidence ledger', async () => {
    const { post, ledger } = setup()
    const res = await post('/reports', report({ note: '第三次了' }))
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const [entry] = await ledger.entries()
    expect(entry!.record).toMatchObject({
      kind: 'report',
      id,
      reason: 'threat_to_family',
      text: '我知道你家住哪',
      authorId: 'troll-1',
      targetId: 'victim',
      note: '第三次了',
      recordedAt: '2026-11-22T10:00:00.000Z',
    })
  })

  it('answers 400 problem+json listing every invalid field', async () => {
    const { post } = setup()
    const res = await post('/reports', {
      commentId: '',
      reason: 'annoying',
      text: 'x',
      url: 'u',
      at: 'yesterday',
    })
    expect(res.status).toBe(400)
    const problem = (await res.json()) as { errors: string[] }
    expect(problem.errors.join('\n')).toMatch(/commentId/)
    expect(problem.errors.join('\n')).toMatch(/reason/)
    expect(problem.errors.join('\n')).toMatch(/"at"/)
  })

  it('rate-limits reports per reporter, then lets them in after the window', async () => {
    const { post, advance } = setup({ reportLimit: { limit: 2, windowMs: 60_000 } })
    expect((await post('/reports', report({ commentId: 'a' }))).status).toBe(201)
    expect((await post('/reports', report({ commentId: 'b' }))).status).toBe(201)
    const limited = await post('/reports', report({ commentId: 'c' }))
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    // another reporter is not affected
    expect((await post('/reports', report({ commentId: 'c' }), {}, '10.0.0.2')).status).toBe(201)
    advance(60_000)
    expect((await post('/reports', report({ commentId: 'c' }))).status).toBe(201)
  })

  it('answers a retried report as a duplicate even when the reporter is rate-limited', async () => {
    const { post } = setup({ reportLimit: { limit: 1, windowMs: 60_000 } })
    const first = (await (await post('/reports', report())).json()) as { id: string }
    const again = await post('/reports', report())
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ id: first.id, status: 'duplicate' })
  })

  it('flags report-bombing: many fresh reporters against one author', async () => {
    const onReport = vi.fn()
    const { post, ledger } = setup({
      onReport,
      reportBombing: { threshold: 3 },
      getReporter: (req) => ({
        id: req.headers.get('x-user')!,
        accountAgeDays: Number(req.headers.get('x-age')),
      }),
    })
    const by = (user: string, age: number) =>
      post('/reports', report({ author: 'victim-writer' }), { 'x-user': user, 'x-age': String(age) })
    await by('old-friend', 900) // established accounts do not count
    await by('new1', 1)
    await by('new2', 0)
    expect(onReport.mock.calls.map((c) => (c[0] as { signals: string[] }).signals)).toEqual([[], [], []])
    await by('new3', 2)
    expect((onReport.mock.calls[3]![0] as { signals: string[] }).signals).toEqual(['report_bombing'])
    const last = (await ledger.entries()).at(-1)!
    expect(last.record.signals).toEqual(['report_bombing'])
  })

  it('does not acknowledge a report it could not record, and accepts its retry', async () => {
    const onError = vi.fn()
    const ledger = createEvidenceLedger({ storage: createMemoryLedgerStorage() })
    const spy = vi.spyOn(ledger, 'append').mockRejectedValueOnce(new Error('disk full'))
    const { post } = setup({ ledger, onError })
    const failed = await post('/reports', report())
    expect(failed.status).toBe(503)
    expect(onError).toHaveBeenCalledWith(expect.any(Error), expect.objectContaining({ phase: 'ledger' }))
    const retry = await post('/reports', report())
    expect(retry.status).toBe(201)
    expect(spy).toHaveBeenCalledTimes(2)
  })

  it('answers 503 (not a crash) when the store is down', async () => {
    const broken = new Proxy({} as Store, {
      get: () => () => Promise.reject(new Error('ECONNREFUSED')),
    })
    const onError = vi.fn()
    const { post } = setup({ store: broken, onError })
    const res = await post('/reports', report())
    expect(res.status).toBe(503)
    expect(onError).toHaveBeenCalledWith(expect.any(Error), expect.objectContaining({ phase: 'router' }))
  })

  it('answers 405 for GET /reports and 415 for a form post to /check', async () => {
    const { get, router } = setup()
    expect((await get('/reports')).status).toBe(405)
    const res = await router.fetch(
      new Request('http://x/s/check', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      }),
    )
    expect(res.status).toBe(415)
  })

  it('ignores paths outside its base path (handle → undefined)', async () => {
    const { router } = setup()
    expect(await router.handle(new Request('http://x/other/check', { method: 'POST' }))).toBeUndefined()
  })
})

describe('createShieldRouter() /targets/:id/protection', () => {
  it('switches protection on for a duration that expires by itself', async () => {
    const { post, get, advance } = setup({ authorize: () => true })
    const on = (await (
      await post('/targets/t1/protection', { active: true, durationMs: 3_600_000 })
    ).json()) as {
      protection: { active: boolean; until: string; reason: string }
    }
    expect(on.protection).toEqual({ active: true, until: '2026-11-22T11:00:00.000Z', reason: 'manual' })
    advance(3_600_000)
    expect(
      ((await (await get('/targets/t1/protection')).json()) as { protection: unknown }).protection,
    ).toEqual({
      active: false,
    })
  })

  it('passes the target and action to the authorisation hook and answers 403 when it says no', async () => {
    const authorize = vi.fn(() => false)
    const { post } = setup({ authorize })
    expect((await post('/targets/t%2F1/protection', { active: true })).status).toBe(403)
    expect(authorize).toHaveBeenCalledWith(expect.any(Request), { action: 'protection:write', id: 't/1' })
  })

  it('validates the switch body', async () => {
    const { post } = setup({ authorize: () => true })
    expect((await post('/targets/t1/protection', { active: 'yes' })).status).toBe(400)
    expect((await post('/targets/t1/protection', { active: true, durationMs: -5 })).status).toBe(400)
  })
})

describe('createShieldRouter() /evidence/:id', () => {
  it('exports a verifiable JSON bundle of a report and an HTML page on Accept: text/html', async () => {
    const { post, get } = setup({ authorize: () => true })
    const { id } = (await (await post('/reports', report({ text: '<script>alert(1)</script>' }))).json()) as {
      id: string
    }
    const res = await get(`/evidence/${id}`)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const bundle = (await res.json()) as EvidenceBundle
    expect(bundle.subject).toBe(id)
    expect(verifyBundle(bundle).ok).toBe(true)
    const html = await get(`/evidence/${id}`, { accept: 'text/html' })
    expect(html.headers.get('content-type')).toMatch(/^text\/html/)
    const page = await html.text()
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
    expect(page).not.toContain('<script>')
    expect(page).toContain(bundle.head.hash)
  })

  it('answers 403 without authorisation and 404 for an unknown subject', async () => {
    expect((await setup().get('/evidence/x')).status).toBe(403)
    expect((await setup({ authorize: () => true }).get('/evidence/x')).status).toBe(404)
  })
})
