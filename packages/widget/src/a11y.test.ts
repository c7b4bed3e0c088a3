import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import axe from 'axe-core'
import '@comment-shield/widget/define'

/** WCAG 2.2 A/AA violations on the page, as `rule: target` strings (empty when none). */
async function violations(): Promise<string[]> {
  const results = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  })
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`))
}

async function page(lang: string, theme: string): Promise<void> {
  document.documentElement.lang = lang
  // theme="dark" is for dark pages: the inline hint sits on the host page's own background.
  document.body.style.background = theme === 'dark' ? '#1c1b1f' : '#ffffff'
  document.body.style.color = theme === 'dark' ? '#e6e0e9' : '#1d1b20'
  document.body.innerHTML = `
    <main>
      <h1>Comments</h1>
      <comment-shield-banner level="pile_on" active theme="${theme}"></comment-shield-banner>
      <form>
        <label for="c">Comment</label>
        <comment-shield theme="${theme}"><textarea id="c" name="text"></textarea></comment-shield>
        <button type="submit">Send</button>
      </form>
      <article>
        <p>路人乙: 你给我等着</p>
        <comment-shield-report comment-id="c1" text="你给我等着" theme="${theme}"></comment-shield-report>
      </article>
    </main>`
  await Promise.all(
    [...document.querySelectorAll<HTMLElement & { updateComplete: Promise<boolean> }>('main *')]
      .filter((el) => 'updateComplete' in el)
      .map((el) => el.updateComplete),
  )
}

afterEach(() => {
  document.body.innerHTML = ''
  document.documentElement.lang = 'en'
  document.body.removeAttribute('style')
})

describe.each([
  ['en', 'light'],
  ['en', 'dark'],
  ['zh-CN', 'light'],
  ['zh-CN', 'dark'],
])('accessibility (%s, %s theme)', (lang, theme) => {
  it('has no WCAG A/AA violations with the hint shown and the warning dialog open', async () => {
    await page(lang, theme)
    const shield = document.querySelector('comment-shield')!
    await userEvent.type(document.querySelector('textarea')!, 'call 13800138000 or mail ann@example.com')
    await expect.poll(() => shield.shadowRoot!.querySelector('[part=hint]')!.textContent).not.toBe('')
    expect(await violations()).toEqual([])
    await userEvent.click(document.querySelector('button[type=submit]')!)
    await expect.poll(() => shield.shadowRoot!.querySelector('dialog')!.open).toBe(true)
    expect(await violations()).toEqual([])
  })

  it('has no WCAG A/AA violations with the report picker and its confirmation open', async () => {
    await page(lang, theme)
    const report = document.querySelector('comment-shield-report')!
    report.onReport = () => Promise.resolve({ id: 'R-1', status: 'received' })
    await userEvent.click(report.shadowRoot!.querySelector('button')!)
    await expect.poll(() => report.shadowRoot!.querySelector('dialog')!.open).toBe(true)
    await userEvent.click(report.shadowRoot!.querySelector('button[type=submit]')!) // no reason: error shown
    expect(await violations()).toEqual([])
    await report.send('doxing')
    await report.updateComplete
    expect(await violations()).toEqual([])
  })
})
