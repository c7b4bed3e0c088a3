// The plain-HTML example served under `Content-Security-Policy: default-src 'self'`, driven in real Chromium.
// It loads the built single-file bundle (`npm run build -w @comment-shield/widget` first), as a user would.
import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '@comment-shield/test-utils/chromium'
import { createPlainHtmlServer, CSP } from './server.mjs'

let server
let base
let browser

beforeAll(async () => {
  server = createPlainHtmlServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  base = `http://127.0.0.1:${server.address().port}`
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  server?.close()
})

/** Opens a page and records errors, CSP violations and every script the page requested. */
async function open(path) {
  const page = await browser.newPage()
  const problems = []
  const scripts = []
  page.on('pageerror', (e) => problems.push(String(e)))
  page.on(
    'console',
    (m) => (m.type() === 'error' || /Content Security Policy/i.test(m.text())) && problems.push(m.text()),
  )
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname))
  await page.goto(`${base}${path}`)
  await page.waitForFunction(() =>
    ['comment-shield', 'comment-shield-report', 'comment-shield-banner'].every((n) => customElements.get(n)),
  )
  return { page, problems, scripts }
}

describe('examples/plain-html', () => {
  it('is served with the strict CSP', async () => {
    const res = await fetch(`${base}/examples/plain-html/`)
    expect(res.headers.get('content-security-policy')).toBe(CSP)
    const html = await res.text()
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(html).toContain(
      '<script type="module" src="../../packages/widget/dist/comment-shield.js"></script>',
    )
  })

  it("runs under default-src 'self' from one module: warns, redacts and reports without a CSP violation", async () => {
    const { page, problems, scripts } = await open('/examples/plain-html/')
    expect(scripts).toEqual(['/packages/widget/dist/comment-shield.js'])

    // The banner reads the thread's protection state.
    await expect
      .poll(() => page.locator('comment-shield-banner [part=banner]').textContent())
      .toContain('Comments from new accounts are being held')

    // Typing shows the hint; submitting opens the alertdialog.
    await page.fill('#comment', 'He lives near me, call him: 13800138000')
    await expect
      .poll(() => page.locator('comment-shield [part=hint]').textContent())
      .toContain('phone number')
    await page.click('button[type=submit]')
    const dialog = page.getByRole('alertdialog')
    await dialog.waitFor({ state: 'visible' })
    expect(await dialog.textContent()).toContain("This looks like someone's phone number.")
    await dialog.getByRole('button', { name: 'Remove personal information' }).click()
    expect(await page.inputValue('#comment')).toBe('He lives near me, call him: [phone]')

    // A quick report of the second comment gets a reference id.
    const report = page.locator('comment-shield-report[comment-id=c-2]')
    await report.getByRole('button', { name: 'Report' }).click()
    const picker = page.getByRole('dialog', { name: 'Report this comment' })
    await picker.getByLabel('It urges others to attack someone').check()
    await picker.getByRole('button', { name: 'Send report' }).click()
    await expect.poll(() => picker.getByRole('status').textContent()).toContain('Reference: R-0001')

    expect(problems).toEqual([])
    await page.close()
  })

  it('speaks Chinese on the zh-CN page', async () => {
    const { page, problems } = await open('/examples/plain-html/zh.html')
    expect(await page.getByRole('button', { name: '举报' }).count()).toBe(2)
    await page.fill('#comment', '他的手机号是13800138000')
    await page.click('button[type=submit]')
    const dialog = page.getByRole('alertdialog', { name: '发布前请确认' })
    await dialog.waitFor({ state: 'visible' })
    expect(await dialog.textContent()).toContain('这看起来像某人的手机号。')
    await dialog.getByRole('button', { name: '仍然发布' }).click()
    await page.waitForURL(/zh\.html$/)
    expect(problems).toEqual([])
    await page.close()
  })
})
