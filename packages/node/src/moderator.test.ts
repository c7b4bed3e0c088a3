import { createMemoryStore, createModerator } from '@comment-shield/core'
import type { Store } from '@comment-shield/core'
import { describe, expect, it } from 'vitest'
import { createFetchHandler } from './handler.ts'
import type { CommentShieldState } from './handler.ts'
import { createShieldRouter } from './router.ts'

const T0 = Date.parse('2026-11-22T10:00:00Z')
const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

function setup(store?: Store, extra: { failOnDegraded?: boolean } = {}) {
  const t = T0
  const now = () => t
  const moderator = createModerator({ now, store: store ?? createMemoryStore({ now }) })
  const states: CommentShieldState[] = []
  const comments = createFetchHandler({
    moderator,
    getTarget: (_req, b) => b.postId as string,
    getAuthor: (req) => req.headers.get('x-user') ?? undefined,
    getContext: (req) => ({ authorAccountAgeDays: Number(req.headers.get('x-age') ?? 1000) }),
    ...extra,
    handler: (_req, state) => {
      states.push(state)
      return Response.json({ action: state.decision.action }, { status: 201 })
    },
  })
  const router = createShieldRouter({ basePath: '/s', moderator, now, authorize: () => true })
  return { comments, router, states }
}

describe('createShield() with core createModerator()', () => {
  it('holds a new account’s comment while a moderator has protection on, and the router reports it', async () => {
    const { comments, router } = setup()
    const on = await router.fetch(
      new Request('http://x/s/targets/ann/protection', json({ active: true, durationMs: 3_600_000 })),
    )
    expect(await on.json()).toMatchObject({
      targetId: 'ann',
      level: 'calm',
      protection: { active: true, reason: 'manual' },
    })
    const fresh = await comments(
      new Request('http://x/c', json({ text: '路过', postId: 'ann' }, { 'x-user': 'u1', 'x-age': '1' })),
    )
    expect(await fresh.json()).toEqual({ action: 'hold' })
    const old = await comments(
      new Request('http://x/c', json({ text: '路过', postId: 'ann' }, { 'x-user': 'u2', 'x-age': '900' })),
    )
    expect(await old.json()).toEqual({ action: 'allow' })
  })

  it('marks a decision degraded when the store fails, and fails closed on it with failOnDegraded', async () => {
    const broken = new Proxy({} as Store, { get: () => () => Promise.reject(new Error('ECONNREFUSED')) })
    const lenient = setup(broken)
    const res = await lenient.comments(
      new Request('http://x/c', json({ text: '电话 13800138000', postId: 'ann' }, { 'x-user': 'u' })),
    )
    expect(res.status).toBe(201)
    expect(lenient.states[0]).toMatchObject({
      degraded: true,
      decision: { action: 'redact' },
      text: '电话 138****8000',
    })
    const strict = setup(broken, { failOnDegraded: true })
    const refused = await strict.comments(
      new Request('http://x/c', json({ text: 'hi', postId: 'ann' }, { 'x-user': 'u' })),
    )
    expect(refused.status).toBe(503)
    expect(strict.states).toEqual([])
  })

  it('moderates /check with the moderator', async () => {
    const { router } = setup()
    const res = await router.fetch(
      new Request('http://x/s/check', json({ text: '13800138000', targetId: 'ann' })),
    )
    expect(((await res.json()) as { decision: { action: string } }).decision.action).toBe('redact')
  })
})
