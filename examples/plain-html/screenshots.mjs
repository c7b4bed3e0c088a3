// Saves the screenshots used in docs/widget.md: the warning dialog and the report picker, light and dark,
// English and Chinese. Build the widget first (`npm run build -w @comment-shield/widget`), then run
// `node examples/plain-html/screenshots.mjs`.
import { once } from 'node:events'
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { createPlainHtmlServer } from './server.mjs'

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'images')
const pages = {
  en: { path: '/examples/plain-html/', text: 'He lives near me, call him: 13800138000', report: 'Report' },
  zh: { path: '/examples/plain-html/zh.html', text: '他就住我家附近，电话13800138000', report: '举报' },
}

await mkdir(out, { recursive: true })
const server = createPlainHtmlServer().listen(0, '127.0.0.1')
await once(server, 'listening')
const base = `http://127.0.0.1:${server.address().port}`
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
})
try {
  for (const [lang, page] of Object.entries(pages)) {
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width: 760, height: 640 }, colorScheme })
      const tab = await context.newPage()
      await tab.goto(`${base}${page.path}`)
      await tab.waitForFunction(() => customElements.get('comment-shield') !== undefined)
      await tab.fill('#comment', page.text)
      await tab.click('button[type=submit]')
      await tab.getByRole('alertdialog').waitFor({ state: 'visible' })
      await tab.screenshot({ path: join(out, `widget-dialog-${lang}-${colorScheme}.png`) })
      await tab.keyboard.press('Escape')
      await tab
        .locator('comment-shield-report[comment-id=c-2]')
        .getByRole('button', { name: page.report })
        .click()
      await tab.getByRole('dialog').waitFor({ state: 'visible' })
      await tab.screenshot({ path: join(out, `widget-report-${lang}-${colorScheme}.png`) })
      await context.close()
      console.log(`saved ${lang} ${colorScheme}`)
    }
  }
} finally {
  await browser.close()
  server.close()
}
