// The Comment Shield demo: a news article with a comment thread, protected end to end.
// Runs from the packages' built dist/ output, as a user would install them.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import express from 'express'
import { moderation } from '@comment-shield/node/express'

const require = createRequire(import.meta.url)
// The single-file bundle (`@comment-shield/widget/bundle`) is an ES module for <script> tags; locate it on disk.
const widgetBundlePath = join(
  dirname(require.resolve('@comment-shield/widget/package.json')),
  'dist/comment-shield.js',
)

const UI = {
  'zh-CN': {
    site: '晨报',
    section: '社会',
    title: '高中生在地铁上救下晕倒老人，网友热议',
    byline: '本报记者 · 2026年11月20日',
    body: [
      '11月19日早高峰，一名高二学生在地铁车厢里发现一位老人突然晕倒，立即上前进行心肺复苏，并请乘客通知工作人员。',
      '老人被送往医院后已脱离危险。视频在网上流传后引发大量讨论，也有人试图“人肉”这名学生的身份信息。',
      '警方提醒：公开他人的手机号、住址、学校等个人信息，可能构成侵权甚至违法。',
    ],
    comments: '评论',
    placeholder: '文明发言，理性讨论',
    name: '昵称',
    submit: '发表评论',
    empty: '还没有评论。',
    held: '待审核',
    redacted: '已隐去个人信息',
    other: 'English',
  },
  en: {
    site: 'The Morning Post',
    section: 'Society',
    title: 'Teenager saves collapsed passenger on the metro',
    byline: 'Staff reporter · 20 November 2026',
    body: [
      'During the morning rush on 19 November, a high-school student saw an elderly man collapse in a metro car, started CPR at once and asked passengers to alert staff.',
      "The man is out of danger. Video of the rescue spread online and drew wide praise, but some users also tried to dig up the student's identity.",
      "Police remind the public that posting other people's phone numbers, addresses or schools can violate their rights and may be illegal.",
    ],
    comments: 'Comments',
    placeholder: 'Be kind. Disagree with ideas, not people.',
    name: 'Name',
    submit: 'Post comment',
    empty: 'No comments yet.',
    held: 'Pending review',
    redacted: 'personal information hidden',
    other: '中文',
  },
}

const escapeHtml = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  )

/**
 * Creates the demo Express app with an in-memory comment store.
 * @param {{ seed?: boolean }} [options]
 */
export function createDemoApp(options = {}) {
  const comments = []
  let nextId = 1
  if (options.seed !== false) {
    comments.push(
      {
        id: nextId++,
        author: '路人甲',
        text: '小伙子好样的！心肺复苏真的应该普及。',
        at: '2026-11-20T08:12:00Z',
        action: 'allow',
      },
      {
        id: nextId++,
        author: 'Lin',
        text: 'Proud of this kid. Every school should teach CPR.',
        at: '2026-11-20T09:40:00Z',
        action: 'allow',
      },
    )
  }
  const app = express()
  app.disable('x-powered-by')
  app.use((req, res, next) => {
    res.setHeader('content-security-policy', "default-src 'self'; img-src 'self' data:")
    res.setHeader('x-content-type-options', 'nosniff')
    next()
  })
  const widgetJs = readFileSync(widgetBundlePath)
  app.get('/widget.js', (req, res) => res.type('text/javascript').send(widgetJs))
  app.get('/demo.css', (req, res) =>
    res.type('text/css').send(readFileSync(new URL('./public/demo.css', import.meta.url))),
  )

  const lang = (req) => (req.query.lang === 'en' ? 'en' : 'zh-CN')

  app.get('/', (req, res) => {
    const l = lang(req)
    const t = UI[l]
    const list = comments.length
      ? comments
          .map(
            (c) => `<li class="comment" data-id="${c.id}" data-action="${escapeHtml(c.action)}">
  <div class="meta"><strong>${escapeHtml(c.author)}</strong> <time datetime="${c.at}">${c.at.slice(0, 16).replace('T', ' ')}</time>${
    c.action === 'redact' ? ` <span class="tag">${t.redacted}</span>` : ''
  }</div>
  <p class="text">${escapeHtml(c.text)}</p>
</li>`,
          )
          .join('\n')
      : `<li class="empty">${t.empty}</li>`
    res.type('html').send(`<!doctype html>
<html lang="${l}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} · ${t.site}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/demo.css">
<script type="module" src="/widget.js"></script>
</head>
<body>
<header><span class="site">${t.site}</span> <a class="lang" href="/?lang=${l === 'en' ? 'zh-CN' : 'en'}">${t.other}</a></header>
<main>
<article>
  <p class="section">${t.section}</p>
  <h1>${escapeHtml(t.title)}</h1>
  <p class="byline">${t.byline}</p>
  ${t.body.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n  ')}
</article>
<section id="comments" aria-labelledby="comments-title">
  <h2 id="comments-title">${t.comments} (${comments.length})</h2>
  <form id="comment-form" method="post" action="/comments?lang=${l}">
    <label>${t.name} <input name="author" maxlength="40" required value="${l === 'en' ? 'Guest' : '游客'}"></label>
    <comment-shield>
      <textarea name="text" rows="4" maxlength="5000" required placeholder="${t.placeholder}" aria-label="${t.placeholder}"></textarea>
    </comment-shield>
    <button type="submit">${t.submit}</button>
  </form>
  <ol class="comments">
${list}
  </ol>
</section>
</main>
</body>
</html>`)
  })

  function store(req) {
    const body = req.body
    const comment = {
      id: nextId++,
      author:
        typeof body.author === 'string' && body.author.trim() ? body.author.trim().slice(0, 40) : 'anonymous',
      text: body.text,
      at: new Date().toISOString(),
      action: req.commentShield.decision.action,
    }
    comments.unshift(comment)
    if (comments.length > 500) comments.length = 500 // the demo keeps a bounded thread
    return comment
  }

  // The HTML form (works without JavaScript): the shield redacts or rejects before this handler runs.
  app.post('/comments', moderation({ field: 'text', locale: 'zh-CN' }), (req, res) => {
    store(req)
    res.redirect(303, `/?lang=${lang(req)}#comments`)
  })
  // The JSON API, for scripts and curl.
  app.post('/api/comments', moderation({ field: 'text', locale: 'zh-CN' }), (req, res) => {
    const comment = store(req)
    res.status(201).json({ comment, decision: req.commentShield.decision })
  })
  app.get('/api/comments', (req, res) => res.json({ comments }))
  return app
}
