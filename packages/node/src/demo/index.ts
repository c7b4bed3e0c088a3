/**
 * `@comment-shield/node/demo`: the demo site (a news article with a protected comment thread) that
 * `comment-shield demo` and `npm start` serve. Plain `node:http`, no framework: the shield's fetch core,
 * the endpoints router under `/api/shield`, the widget bundle, an in-memory thread.
 *
 * @module
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createMemoryStore, createModerator } from '@comment-shield/core'
import type { Decision, Store } from '@comment-shield/core'
import { createShield } from '../handler.ts'
import type { ShieldOptions } from '../handler.ts'
import { toNodeListener } from '../node-http.ts'
import { createShieldRouter } from '../router.ts'
import { createEvidenceLedger, createMemoryLedgerStorage } from '../evidence/ledger.ts'
import type { EvidenceLedger } from '../evidence/ledger.ts'
import { createFileLedgerStorage } from '../evidence/file.ts'
import { escapeHtml } from '../evidence/html.ts'
import { DEMO_CSS } from './styles.ts'

/** Options of {@link createDemoApp}. */
export interface DemoOptions {
  /** Start with two sample comments. Default true. */
  seed?: boolean
  /** Keep evidence in this JSONL file instead of memory. */
  evidencePath?: string
  /** Shared state (e.g. the Redis store). Default: memory. */
  store?: Store
  /** The widget's single-file bundle; default: resolved from `@comment-shield/widget`. */
  widgetBundlePath?: string
  /** Clock. Default `Date.now`. */
  now?: () => number
}

/** One comment of the demo thread. */
export interface DemoComment {
  id: string
  author: string
  text: string
  at: string
  action: Decision['action']
}

/** The thread's target: the student the article is about (the person a pile-on would hit). */
export const DEMO_TARGET = 'article-1119-student'

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
    heldText: '这条评论正在等待审核。',
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
    heldText: 'This comment is waiting for a moderator.',
    redacted: 'personal information hidden',
    other: '中文',
  },
} as const

const CSP = "default-src 'self'; img-src 'self' data:"

function resolveWidget(path: string | undefined): Buffer {
  const candidates = path
    ? [path]
    : [join(process.cwd(), 'package.json'), join(dirname(process.argv[1] ?? '.'), 'package.json')].flatMap(
        (from) => {
          try {
            const pkg = createRequire(from).resolve('@comment-shield/widget/package.json')
            return [join(dirname(pkg), 'dist/comment-shield.js')]
          } catch {
            return []
          }
        },
      )
  for (const candidate of candidates) {
    try {
      return readFileSync(candidate)
    } catch {
      // try the next one
    }
  }
  // Without the widget the page still works: forms post and the server enforces.
  return Buffer.from(
    'console.warn("comment-shield demo: widget bundle not found; server-side protection only")\n',
  )
}

/** The demo's pieces, for tests and benchmarks. */
export interface DemoApp {
  /** The fetch handler serving the whole site. */
  fetch(request: Request, info?: { clientId?: string }): Promise<Response>
  comments: DemoComment[]
  ledger: EvidenceLedger
}

/**
 * Creates the demo site as a fetch handler (see {@link createDemoApp} for a ready `node:http` server).
 *
 * @param options - seed, evidence file, store, widget path
 * @returns the handler and its state
 */
export function createDemoHandler(options: DemoOptions = {}): DemoApp {
  const now = options.now ?? Date.now
  const store = options.store ?? createMemoryStore({ now })
  const ledger = createEvidenceLedger({
    storage: options.evidencePath
      ? createFileLedgerStorage(options.evidencePath)
      : createMemoryLedgerStorage(),
    now,
  })
  const comments: DemoComment[] = []
  let nextId = 1
  if (options.seed !== false) {
    comments.push(
      {
        id: `c${nextId++}`,
        author: '路人甲',
        text: '小伙子好样的！心肺复苏真的应该普及。',
        at: '2026-11-20T08:12:00Z',
        action: 'allow',
      },
      {
        id: `c${nextId++}`,
        author: 'Lin',
        text: 'Proud of this kid. Every school should teach CPR.',
        at: '2026-11-20T09:40:00Z',
        action: 'allow',
      },
    )
  }
  const widgetJs = resolveWidget(options.widgetBundlePath)

  // Pile-on detection, protection mode and the offender ledger, all on one store (memory, or Redis for a fleet).
  const moderator = createModerator({ now, store })
  const router = createShieldRouter({
    basePath: '/api/shield',
    store,
    ledger,
    now,
    moderator,
    // Demo only: anyone may switch protection and export evidence. A real site checks the session here.
    authorize: () => true,
  })
  const shieldOptions: ShieldOptions = {
    field: 'text',
    moderator,
    ledger,
    getTarget: () => DEMO_TARGET,
    getAuthor: (_req, b) => author(b.author),
    // The demo has no accounts: guests count as brand-new accounts, so protection mode holds their comments.
    getContext: () => ({ authorAccountAgeDays: 0, threadId: 'article-1119' }),
  }
  const shields = {
    'zh-CN': createShield({ ...shieldOptions, locale: 'zh-CN' }),
    en: createShield({ ...shieldOptions, locale: 'en' }),
  }

  function author(v: unknown): string {
    return typeof v === 'string' && v.trim() ? v.trim().slice(0, 40) : 'anonymous'
  }

  function store1(state: { text: string; authorId?: string; decision: Decision }): DemoComment {
    const comment: DemoComment = {
      id: `c${nextId++}`,
      author: state.authorId ?? 'anonymous',
      text: state.text,
      at: new Date(now()).toISOString(),
      action: state.decision.action,
    }
    comments.unshift(comment)
    if (comments.length > 500) comments.length = 500 // the demo keeps a bounded thread
    return comment
  }

  function page(l: 'zh-CN' | 'en'): string {
    const t = UI[l]
    const list = comments.length
      ? comments.map((c) => item(c, l)).join('\n')
      : `<li class="empty">${t.empty}</li>`
    return `<!doctype html>
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
  <h2 id="comments-title">${t.comments} (${comments.filter((c) => c.action !== 'hold').length})</h2>
  <comment-shield-banner target-id="${DEMO_TARGET}" endpoint="/api/shield" lang="${l}"></comment-shield-banner>
  <form id="comment-form" method="post" action="/comments?lang=${l}">
    <label>${t.name} <input name="author" maxlength="40" required value="${l === 'en' ? 'Guest' : '游客'}"></label>
    <comment-shield check-url="/api/shield/check" lang="${l}">
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
</html>`
  }

  function item(c: DemoComment, l: 'zh-CN' | 'en'): string {
    const t = UI[l]
    const pending = c.action === 'hold'
    const tag = pending
      ? ` <span class="tag">${t.held}</span>`
      : c.action === 'redact'
        ? ` <span class="tag">${t.redacted}</span>`
        : ''
    return `<li class="comment${pending ? ' pending' : ''}" data-id="${escapeHtml(c.id)}" data-action="${escapeHtml(c.action)}">
  <div class="meta"><strong>${escapeHtml(c.author)}</strong> <time datetime="${c.at}">${c.at.slice(0, 16).replace('T', ' ')}</time>${tag}</div>
  <p class="text">${pending ? t.heldText : escapeHtml(c.text)}</p>
  ${
    pending
      ? ''
      : `<div class="comment-actions"><comment-shield-report comment-id="${escapeHtml(c.id)}" author="${escapeHtml(c.author)}" target-id="${DEMO_TARGET}" text="${escapeHtml(c.text)}" endpoint="/api/shield/reports" lang="${l}"></comment-shield-report></div>`
  }
</li>`
  }

  const langOf = (url: URL): 'zh-CN' | 'en' => (url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN')
  const withHeaders = (res: Response): Response => {
    res.headers.set('content-security-policy', CSP)
    res.headers.set('x-content-type-options', 'nosniff')
    return res
  }

  async function route(request: Request, info: { clientId?: string }): Promise<Response> {
    const url = new URL(request.url)
    const { pathname } = url
    if (pathname.startsWith('/api/shield/')) return router.fetch(request, info)
    if (request.method === 'GET' || request.method === 'HEAD') {
      if (pathname === '/')
        return new Response(page(langOf(url)), { headers: { 'content-type': 'text/html; charset=utf-8' } })
      if (pathname === '/widget.js')
        return new Response(widgetJs, { headers: { 'content-type': 'text/javascript; charset=utf-8' } })
      if (pathname === '/demo.css')
        return new Response(DEMO_CSS, { headers: { 'content-type': 'text/css; charset=utf-8' } })
      if (pathname === '/api/comments') return Response.json({ comments })
    }
    if (request.method === 'POST' && (pathname === '/comments' || pathname === '/api/comments')) {
      const l = langOf(url)
      const result = await shields[pathname === '/comments' ? l : 'zh-CN'].inspect(request)
      if (!result.ok) return result.response
      const comment = store1(result)
      if (pathname === '/comments') {
        return new Response(null, { status: 303, headers: { location: `/?lang=${l}#comments` } })
      }
      return Response.json({ comment, decision: result.decision }, { status: 201 })
    }
    return new Response('Not found', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    })
  }

  return {
    comments,
    ledger,
    fetch: async (request, info = {}) => withHeaders(await route(request, info)),
  }
}

/**
 * Creates the demo site as a `node:http` server (not yet listening).
 *
 * @param options - seed, evidence file, store, widget path
 * @returns the server; call `listen(port)`
 * @example
 * ```ts
 * createDemoApp().listen(3000)
 * ```
 */
export function createDemoApp(options: DemoOptions = {}): Server {
  const app = createDemoHandler(options)
  return createServer(toNodeListener((req, info) => app.fetch(req, info)))
}
