import { getLoadedAbuseModel } from '@comment-shield/core'
import { describe, expect, it } from 'vitest'
import { createFetchHandler } from './handler.ts'
import type { CommentShieldState } from './handler.ts'

// Order matters in this file: the model is loaded once per module graph, so the rules-only case runs first.
function handlerWith(model?: boolean) {
  const states: CommentShieldState[] = []
  const handle = createFetchHandler({
    ...(model === undefined ? {} : { model }),
    handler: (_req, state) => {
      states.push(state)
      return new Response(null, { status: 201 })
    },
  })
  const post = (text: string) =>
    handle(
      new Request('http://localhost/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      }),
    )
  return { post, states }
}

describe('createShield() and the learned model', () => {
  it('with model: false scores on the rule layer alone', async () => {
    const { post, states } = handlerWith(false)
    expect((await post('what a pathetic excuse for a journalist')).status).toBe(201)
    expect(getLoadedAbuseModel()).toBeUndefined()
    expect(states[0]?.verdict.abuse.source).toEqual(['rules'])
  })

  it('loads the model when created, so even the first comment is scored with it', async () => {
    const { post, states } = handlerWith()
    expect((await post('what a pathetic excuse for a journalist')).status).toBe(201)
    expect(getLoadedAbuseModel()).toBeDefined()
    expect(states[0]?.verdict.abuse.source).toContain('model')
  })
})
