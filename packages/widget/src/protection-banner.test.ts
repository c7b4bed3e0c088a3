import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import '@comment-shield/widget/define'
import type { CommentShieldBanner } from '@comment-shield/widget'

declare module 'vitest' {
  export interface ProvidedContext {
    shieldServer: string
  }
}

const server = inject('shieldServer')
const base = `${server}/api/shield`

async function setProtection(targetId: string, body: { active: boolean; level: string }): Promise<void> {
  await fetch(`${base}/targets/${targetId}/protection`, { method: 'POST', body: JSON.stringify(body) })
}

async function mount(attrs: string, lang = 'en'): Promise<CommentShieldBanner> {
  document.body.innerHTML = `<section lang="${lang}"><comment-shield-banner ${attrs}></comment-shield-banner></section>`
  const el = document.querySelector('comment-shield-banner')!
  await el.updateComplete
  return el
}

const banner = (el: CommentShieldBanner): HTMLElement => el.shadowRoot!.querySelector('[part=banner]')!

beforeEach(async () => {
  await fetch(`${server}/__control`, {
    method: 'POST',
    body: JSON.stringify({ mode: 'online', reset: true }),
  })
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('<comment-shield-banner>', () => {
  it('shows protection mode read from the server', async () => {
    await setProtection('article-1', { active: true, level: 'pile_on' })
    const el = await mount(`target-id="article-1" endpoint="${base}"`)
    await expect.poll(() => banner(el).hidden).toBe(false)
    expect(banner(el).getAttribute('role')).toBe('status')
    expect(banner(el).textContent).toBe(
      'Comments from new accounts are being held for review while this thread is under unusual attention.',
    )
    expect(el.getAttribute('level')).toBe('pile_on')
    expect(el.hasAttribute('active')).toBe(true)
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

  it('warns about a pile-on in Chinese without protection mode', async () => {
    await setProtection('article-3', { active: false, level: 'pile_on' })
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
    await fetch(`${server}/__control`, { method: 'POST', body: JSON.stringify({ mode: 'offline' }) })
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
