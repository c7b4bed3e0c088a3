// End to end: the demo page served on loopback, driven in real Chromium (Debian's /usr/bin/chromium).
import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '@comment-shield/test-utils/chromium'
import { verifyBundle } from '@comment-shield/node'
import { createDemoApp, DEMO_TARGET } from './app.mjs'

let server
let base
let browser

beforeAll(async () => {
  server = createDemoApp({ seed: true }).listen(0, '127.0.0.1')
  await once(server, 'listening')
  base = `http://127.0.0.1:${server.address().port}`
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  server?.close()
})

describe('demo site', () => {
  it('warns before posting a phone number, then the server redacts it in the thread', async () => {
    const page = await browser.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(e))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(`${base}/?lang=en`)
    await page.waitForFunction(() => customElements.get('comment-shield') !== undefined)
    await page.fill('textarea[name=text]', 'He lives near me, call him: 13800138000')
    await page.click('button[type=submit]')
    const dialog = page.getByRole('alertdialog')
    await dialog.waitFor({ state: 'visible' })
    expect(await dialog.textContent()).toContain('13800138000')
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/comments') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Post anyway' }).click(),
    ])
    expect(response.status()).toBe(303)
    await page.waitForURL(/#comments$/)
    const first = page.locator('li.comment').first()
    expect(await first.locator('.text').textContent()).toBe('He lives near me, call him: 138****8000')
    expect(await first.getAttribute('data-action')).toBe('redact')
    expect(await page.content()).not.toContain('13800138000')
    expect(errors).toEqual([])
    await page.close()
  })

  it('serves the page in Chinese with a CSP that forbids inline script', async () => {
    const res = await fetch(`${base}/`)
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'; img-src 'self' data:")
    const html = await res.text()
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain('发表评论')
  })

  it('redacts a phone number posted with curl-style JSON', async () => {
    const res = await fetch(`${base}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: '13800138000' }),
    })
    expect(res.status).toBe(201)
    const json = await res.json()
    expect(json.comment.text).toBe('138****8000')
    expect(json.decision.action).toBe('redact')
  })

  it('puts a report button on each comment and the protection banner above the thread', async () => {
    const html = await (await fetch(`${base}/?lang=en`)).text()
    expect(html).toContain(`<comment-shield-banner target-id="${DEMO_TARGET}" endpoint="/api/shield"`)
    const reports = html.match(/<comment-shield-report [^>]*>/g) ?? []
    expect(reports.length).toBeGreaterThanOrEqual(2)
    expect(reports[0]).toMatch(/comment-id="c\d+"/)
    expect(reports[0]).toContain('endpoint="/api/shield/reports"')
    expect(reports[0]).toContain(`target-id="${DEMO_TARGET}"`)
  })

  it('loads in Chromium with the report and banner elements and no script errors', async () => {
    const page = await browser.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(e))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(`${base}/`)
    await page.waitForFunction(() => customElements.get('comment-shield') !== undefined)
    expect(await page.locator('comment-shield-report').count()).toBeGreaterThanOrEqual(2)
    expect(await page.locator('comment-shield-banner').count()).toBe(1)
    expect(errors).toEqual([])
    await page.close()
  })

  it('records a quick report and exports it as verifiable evidence (JSON and printable HTML)', async () => {
    const res = await fetch(`${base}/api/shield/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        commentId: 'c1',
        reason: 'threat_to_family',
        text: '我知道你家住哪',
        author: '路人甲',
        targetId: DEMO_TARGET,
        url: `${base}/#c1`,
        at: new Date().toISOString(),
      }),
    })
    expect(res.status).toBe(201)
    const { id, status } = await res.json()
    expect(status).toBe('received')
    const bundle = await (await fetch(`${base}/api/shield/evidence/${id}`)).json()
    expect(verifyBundle(bundle).ok).toBe(true)
    const html = await (
      await fetch(`${base}/api/shield/evidence/${id}`, { headers: { accept: 'text/html' } })
    ).text()
    expect(html).toContain('我知道你家住哪')
    expect(html).toContain('Evidence bundle')
  })

  it('holds comments as pending while the thread is under protection', async () => {
    const on = await fetch(`${base}/api/shield/targets/${DEMO_TARGET}/protection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ active: true, durationMs: 60_000 }),
    })
    expect((await on.json()).protection.active).toBe(true)
    const res = await fetch(`${base}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'held text 你好', author: 'newbie' }),
    })
    expect(res.status).toBe(201)
    expect((await res.json()).decision.action).toBe('hold')
    const html = await (await fetch(`${base}/?lang=en`)).text()
    expect(html).toContain('Pending review')
    expect(html).not.toContain('held text 你好')
    await fetch(`${base}/api/shield/targets/${DEMO_TARGET}/protection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ active: false }),
    })
  })
})
