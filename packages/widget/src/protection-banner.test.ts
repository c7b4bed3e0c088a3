import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '@comment-shield/widget/define'
import type { CommentShieldBanner } from '@comment-shield/widget'
import {
  check,
  resetHarness,
  setFault,
  shieldApi,
  switchProtection,
} from '@comment-shield/test-utils/harness-client'

// The real @comment-shield/node router on loopback, with core's moderator (see shield-harness.ts).
const base = shieldApi

/**
 * Raises a real pile-on: hostile comments from distinct authors through `/check`, which the moderator's pile-on
 * detector ingests (the harness lowers its bar to a handful of authors). Protection mode then switches on by itself.
 */
async function raisePileOn(targetId: string): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await check({
      text: `you are a worthless idiot, everyone hates you ${i}`,
      targetId,
      authorId: `troll-${i}`,
    })
  }
}

async function mount(attrs: string, lang = 'en'): Promise<CommentShieldBanner> {
  document.body.innerHTML = `<section lang="${lang}"><comment-shield-banner ${attrs}></comment-shield-banner></section>`
  const el = document.querySelector('comment-shield-banner')!
  await el.updateComplete
  return el
}

const banner = (el: CommentShieldBanner): HTMLElement => el.shadowRoot!.querySelector('[part=banner]')!

beforeEach(async () => {
  await resetHarness()
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('<comment-shield-banner>', () => {
  it('shows protection mode read from the server, switched on by a pile-on', async () => {
    await raisePileOn('article-1')
    const el = await mount(`target-id="article-1" endpoint="${base}"`)
    await expect.poll(() => banner(el).hidden).toBe(false)
    expect(banner(el).getAttribute('role')).toBe('status')
    expect(banner(el).textContent).toBe(
      'Comments from new accounts are being held for review while this thread is under unusual attention.',
    )
    expect(el.getAttribute('level')).toBe('pile_on')
    expect(el.hasAttribute('active')).toBe(true)
  })

  it('shows protection mode a moderator switched on for a calm thread', async () => {
    await switchProtection('article-5', true)
    const el = await mount(`target-id="article-5" endpoint="${base}"`, 'zh-CN')
    await expect.poll(() => banner(el).hidden).toBe(false)
    expect(banner(el).textContent).toBe('该讨论正受到异常关注，新账号的评论需审核后才会显示。')
    expect(el.getAttribute('level')).toBe('calm')
  })

  it('renders nothing and takes no space for a calm thread', async () => {
    const el = await mount(`target-id="article-2" endpoint="${base}"`)
    await expect(el.refresh()).resolves.toEqual({
      targetId: 'article-2',
      level: 'calm',
      protection: { active: false },
    })
    await el.updateComplete
    expect(banner(el).hidden).toBe(true)
    expect(el.getBoundingClientRect().height).toBe(0)
  })

  it('warns about a pile-on in Chinese when a moderator has switched protection off', async () => {
    await raisePileOn('article-3')
    await switchProtection('article-3', false)
    const el = await mount(`target-id="article-3" endpoint="${base}"`, 'zh-CN')
    await expect.poll(() => banner(el).textContent).toBe('该讨论正受到异常关注。请友善发言，对事不对人。')
  })

  it('works from server-rendered attributes without any request', async () => {
    const el = await mount('level="elevated"', 'zh-TW')
    expect(banner(el).textContent).toBe('現在留言的人很多，請友善發言。')
    el.active = true
    await el.updateComplete
    expect(banner(el).textContent).toBe('這個討論正受到異常關注，新帳號的留言需審核後才會顯示。')
  })

  it('keeps quiet when the server is unreachable', async () => {
    await setFault('offline')
    const el = await mount(`target-id="article-4" endpoint="${base}"`)
    await expect(el.refresh()).resolves.toBeUndefined()
    expect(banner(el).hidden).toBe(true)
  })

  it('uses a host-supplied onProtection', async () => {
    const el = await mount('target-id="t-9"')
    el.onProtection = (targetId) =>
      Promise.resolve({ targetId, level: 'calm', protection: { active: true, reason: 'manual' } })
    await expect.poll(() => banner(el).hidden).toBe(false)
    expect(el.active).toBe(true)
  })
})
