import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import '@comment-shield/widget/define'
import { createReportQueue, ReportEvent, REPORT_REASONS, ShieldHttpError } from '@comment-shield/widget'
import type { CommentShieldReport, ReportPayload } from '@comment-shield/widget'
import {
  acceptedReports,
  REPORT_ID,
  resetHarness,
  setFault,
  shieldApi,
} from '@comment-shield/test-utils/harness-client'

// The real @comment-shield/node router on loopback (see packages/test-utils/src/shield-harness.ts).
const endpoint = `${shieldApi}/reports`
const QUEUE_KEY = 'comment-shield:report-queue'
const AT = Date.UTC(2026, 10, 22, 8, 30)

type Accepted = ReportPayload & { id: string }

/** The reports the real router accepted, as the widget sent them (without the router's reporter key and signals). */
async function received(): Promise<Accepted[]> {
  const accepted = (await acceptedReports()) as unknown as (Accepted & {
    reporter: string
    signals: string[]
  })[]
  return accepted.map(({ reporter: _reporter, signals: _signals, ...report }) => report)
}

/** The one report the router accepted, and its id (a UUID). */
async function onlyId(): Promise<string> {
  const reports = await received()
  expect(reports).toHaveLength(1)
  expect(reports[0]!.id).toMatch(REPORT_ID)
  return reports[0]!.id
}

async function mount(attrs = '', lang = 'en'): Promise<{ el: CommentShieldReport; events: ReportEvent[] }> {
  document.body.innerHTML = `
    <article lang="${lang}">
      <p>路人乙: 你给我等着</p>
      <comment-shield-report comment-id="c-42" author="路人乙" target-id="article-1" text="你给我等着"
        endpoint="${endpoint}" ${attrs}></comment-shield-report>
    </article>`
  const el = document.querySelector('comment-shield-report')!
  el.now = () => AT
  const events: ReportEvent[] = []
  document.body.addEventListener(ReportEvent.eventName, (e) => events.push(e))
  await el.updateComplete
  return { el, events }
}

const root = (el: CommentShieldReport): ShadowRoot => el.shadowRoot!
const dialog = (el: CommentShieldReport): HTMLDialogElement => root(el).querySelector('dialog')!
const trigger = (el: CommentShieldReport): HTMLButtonElement => root(el).querySelector('button.trigger')!
const radio = (el: CommentShieldReport, reason: string): HTMLInputElement =>
  root(el).querySelector(`input[value=${reason}]`)!
const status = (el: CommentShieldReport): string =>
  root(el).querySelector('[part=status]')?.textContent?.trim() ?? ''
function action(el: CommentShieldReport, part: string): HTMLButtonElement {
  return root(el).querySelector(`button[part~=${part}]`)!
}

function deepActive(): Element | null {
  let active = document.activeElement
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
  return active
}

beforeEach(async () => {
  localStorage.removeItem(QUEUE_KEY)
  await resetHarness()
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('<comment-shield-report>', () => {
  it('opens the reason picker in one click, with every reason and focus on the first', async () => {
    const { el } = await mount()
    await userEvent.click(trigger(el))
    await expect.poll(() => dialog(el).open).toBe(true)
    const labels = [...root(el).querySelectorAll('label[part=reason]')].map((l) => l.textContent.trim())
    expect(labels).toEqual([
      "It shares someone's personal information (doxing)",
      'It threatens someone',
      'It threatens me or my family',
      'Insult or personal attack',
      'Sexual harassment or sexual rumours',
      'It urges others to attack someone',
      'Part of a pile-on',
      'Spam or paid posters (water army)',
      'Something else',
    ])
    expect(
      [...root(el).querySelectorAll('input[type=radio]')].map((r) => (r as HTMLInputElement).value),
    ).toEqual([...REPORT_REASONS])
    expect(deepActive()).toBe(radio(el, 'doxing'))
  })

  it('asks for a reason before sending', async () => {
    const { el } = await mount()
    await userEvent.click(trigger(el))
    await userEvent.click(action(el, 'send'))
    expect(root(el).querySelector('[part=error]')!.textContent).toBe('Please choose a reason.')
    expect(await received()).toEqual([])
  })

  it('posts the evidence to /reports and confirms with the reference id', async () => {
    const { el, events } = await mount()
    await userEvent.click(trigger(el))
    await userEvent.click(radio(el, 'threat_to_family'))
    await userEvent.type(root(el).querySelector('textarea')!, 'He posted my address yesterday too')
    await userEvent.click(action(el, 'send'))
    await expect.poll(() => status(el)).toMatch(/^Thank you, we received your report\. Reference: /)
    const id = await onlyId()
    expect(status(el)).toBe(`Thank you, we received your report. Reference: ${id}`)
    expect(await received()).toEqual([
      {
        id,
        commentId: 'c-42',
        reason: 'threat_to_family',
        text: '你给我等着',
        author: '路人乙',
        targetId: 'article-1',
        url: location.href,
        at: '2026-11-22T08:30:00.000Z',
        note: 'He posted my address yesterday too',
      },
    ])
    expect(events.map((e) => [e.status, e.referenceId])).toEqual([['received', id]])
    expect(trigger(el).textContent.trim()).toBe('Reported')
    expect(deepActive()).toBe(action(el, 'close'))
    await userEvent.click(action(el, 'close'))
    expect(dialog(el).open).toBe(false)
    expect(deepActive()).toBe(trigger(el))
  })

  it('says so when the comment was already reported', async () => {
    const first = await mount()
    await first.el.send('insult')
    const { el } = await mount()
    await el.send('insult')
    await userEvent.click(trigger(el))
    expect(status(el)).toBe(`This comment has already been reported. Reference: ${await onlyId()}`)
  })

  it('queues the report while offline and sends it once the browser is back online', async () => {
    await setFault('offline')
    const { el, events } = await mount()
    await userEvent.click(trigger(el))
    await userEvent.click(radio(el, 'doxing'))
    await userEvent.click(action(el, 'send'))
    await expect.poll(() => status(el)).toContain('You seem to be offline.')
    expect(events.map((e) => e.status)).toEqual(['queued'])
    const queued = JSON.parse(localStorage.getItem(QUEUE_KEY)!) as { report: ReportPayload }[]
    expect(queued.map((q) => [q.report.commentId, q.report.reason])).toEqual([['c-42', 'doxing']])

    expect(await received()).toEqual([])
    await setFault('none')
    window.dispatchEvent(new Event('online'))
    await expect.poll(() => status(el)).toMatch(/^Thank you, we received your report\. Reference: /)
    expect(status(el)).toBe(`Thank you, we received your report. Reference: ${await onlyId()}`)
    expect((await received()).map((r) => [r.commentId, r.reason])).toEqual([['c-42', 'doxing']])
    expect(events.map((e) => e.status)).toEqual(['queued', 'received'])
    expect(JSON.parse(localStorage.getItem(QUEUE_KEY)!)).toEqual([])
  })

  it('retries a report queued on a server error on the next page load', async () => {
    await setFault('error')
    const first = await mount()
    await expect(first.el.send('pile_on')).resolves.toBe('queued')
    expect(await received()).toEqual([])
    document.body.innerHTML = '' // the reader leaves the page
    await setFault('none')
    const { el, events } = await mount() // …and comes back later
    await expect.poll(() => events.map((e) => e.status)).toEqual(['received'])
    const id = await onlyId()
    expect(events[0]!.referenceId).toBe(id)
    await userEvent.click(trigger(el))
    expect(status(el)).toBe(`Thank you, we received your report. Reference: ${id}`)
  })

  it('does not queue a report the server refuses; it shows why', async () => {
    const { el, events } = await mount()
    el.onReport = () => Promise.reject(new ShieldHttpError(400, 'reason must be one of …'))
    await userEvent.click(trigger(el))
    await userEvent.click(radio(el, 'other'))
    await userEvent.click(action(el, 'send'))
    await expect
      .poll(() => root(el).querySelector('[part=error]')!.textContent)
      .toBe('The report could not be sent: reason must be one of …')
    expect(events.map((e) => e.status)).toEqual(['failed'])
    expect(localStorage.getItem(QUEUE_KEY) ?? '[]').toBe('[]')
  })

  it("shows the real server's reason when it refuses a report, and does not queue it", async () => {
    const { el, events } = await mount()
    el.text = '' // the router requires the text as shown
    await userEvent.click(trigger(el))
    await userEvent.click(radio(el, 'insult'))
    await userEvent.click(action(el, 'send'))
    await expect
      .poll(() => root(el).querySelector('[part=error]')!.textContent)
      .toBe('The report could not be sent: "text" must be a non-empty string')
    expect(events.map((e) => e.status)).toEqual(['failed'])
    expect(localStorage.getItem(QUEUE_KEY) ?? '[]').toBe('[]')
    expect(await received()).toEqual([])
  })

  it('sends through a host-supplied onReport instead of fetch', async () => {
    const { el } = await mount('endpoint=""')
    const onReport = vi.fn(() => Promise.resolve({ id: 'HOST-7', status: 'received' as const }))
    el.onReport = onReport
    await expect(el.send('spam_or_water_army', '  many identical posts  ')).resolves.toBe('received')
    expect(onReport).toHaveBeenCalledWith(
      expect.objectContaining({
        commentId: 'c-42',
        reason: 'spam_or_water_army',
        note: 'many identical posts',
      }),
    )
    expect(await received()).toEqual([])
  })

  it('can be used with the keyboard alone', async () => {
    const { el } = await mount()
    trigger(el).focus()
    await userEvent.keyboard('{Enter}')
    await expect.poll(() => dialog(el).open).toBe(true)
    await userEvent.keyboard('{ArrowDown}') // doxing → threat
    expect(radio(el, 'threat').checked).toBe(true)
    await userEvent.tab()
    expect(deepActive()).toBe(root(el).querySelector('textarea'))
    await userEvent.keyboard('keyboard only')
    await userEvent.tab()
    await userEvent.tab()
    expect(deepActive()).toBe(action(el, 'send'))
    await userEvent.tab() // wraps to the reasons
    expect(deepActive()).toBe(radio(el, 'threat'))
    await userEvent.tab({ shift: true })
    await userEvent.keyboard('{Enter}')
    await expect.poll(() => received()).toHaveLength(1)
    expect((await received()).map((r) => [r.reason, r.note])).toEqual([['threat', 'keyboard only']])
    await expect
      .poll(() => status(el))
      .toBe(`Thank you, we received your report. Reference: ${await onlyId()}`)
    await userEvent.keyboard('{Escape}')
    await expect.poll(() => dialog(el).open).toBe(false)
    expect(deepActive()).toBe(trigger(el))
  })

  it('speaks Chinese from the surrounding lang', async () => {
    const { el } = await mount('', 'zh-CN')
    expect(trigger(el).textContent.trim()).toBe('举报')
    await userEvent.click(trigger(el))
    expect(root(el).querySelector('legend')!.textContent).toBe('举报原因')
    expect(root(el).querySelector('label[part=reason]')!.textContent.trim()).toBe(
      '泄露他人个人信息（人肉、开盒）',
    )
    await el.send('threat')
    expect(status(el)).toBe(`感谢举报，我们已收到。编号：${await onlyId()}`)
  })

  it('speaks Traditional Chinese for zh-TW', async () => {
    const { el } = await mount('', 'zh-TW')
    expect(trigger(el).textContent.trim()).toBe('檢舉')
  })
})

describe('createReportQueue()', () => {
  function memoryStorage(): { getItem(k: string): string | null; setItem(k: string, v: string): void } {
    const map = new Map<string, string>()
    return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) }
  }
  const report = (commentId: string, reason: ReportPayload['reason'] = 'insult'): ReportPayload => ({
    commentId,
    reason,
    text: 't',
    url: 'https://example.com/',
    at: '2026-11-22T00:00:00.000Z',
  })

  it('keeps at most `max` entries, dropping the oldest', () => {
    const queue = createReportQueue({ storage: memoryStorage(), max: 3, now: () => 0 })
    for (const id of ['a', 'b', 'c', 'd', 'e']) queue.add('/r', report(id))
    expect(queue.list().map((e) => e.report.commentId)).toEqual(['c', 'd', 'e'])
  })

  it('drops entries older than maxAgeMs', () => {
    let t = 0
    const queue = createReportQueue({ storage: memoryStorage(), maxAgeMs: 1000, now: () => t })
    queue.add('/r', report('old'))
    t = 600
    queue.add('/r', report('new'))
    t = 1200
    expect(queue.list().map((e) => e.report.commentId)).toEqual(['new'])
  })

  it('replaces a re-report of the same comment and reason', () => {
    const queue = createReportQueue({ storage: memoryStorage(), now: () => 0 })
    queue.add('/r', report('a'))
    queue.add('/r', report('a'))
    queue.add('/r', report('a', 'threat'))
    expect(queue.list().map((e) => e.report.reason)).toEqual(['insult', 'threat'])
  })

  it('backs off exponentially and never hands out an entry twice at once', () => {
    let t = 0
    const queue = createReportQueue({ storage: memoryStorage(), now: () => t })
    const { key } = queue.add('/r', report('a'))
    expect(queue.wait('/r')).toBe(2_000)
    expect(queue.take('/r')).toEqual([]) // not due yet
    t = 2_000
    expect(queue.take('/r').map((e) => e.key)).toEqual([key])
    expect(queue.take('/r', true)).toEqual([]) // in flight, even when forced
    expect(queue.wait('/r')).toBeUndefined()
    queue.release(key)
    expect(queue.wait('/r')).toBe(4_000)
    expect(queue.take('/r')).toEqual([])
    expect(queue.take('/r', true)).toHaveLength(1) // forced, e.g. on `online`
    queue.release(key)
    expect(queue.wait('/r')).toBe(8_000)
    t = 10_000
    expect(queue.wait('/r')).toBe(0)
    expect(queue.take('/r')).toHaveLength(1)
    queue.release(key, 30_000) // the server's retry-after wins
    expect(queue.wait('/r')).toBe(30_000)
    expect(queue.take('/other', true)).toEqual([])
    queue.remove(key)
    expect(queue.list()).toEqual([])
    expect(queue.wait('/r')).toBeUndefined()
  })

  it('survives corrupt or unavailable storage', () => {
    const storage = memoryStorage()
    storage.setItem('comment-shield:report-queue', '{not json')
    const queue = createReportQueue({ storage, now: () => 0 })
    expect(queue.list()).toEqual([])
    const full = {
      getItem: () => '[{"key":1}]',
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
    }
    const memoryOnly = createReportQueue({ storage: full, now: () => 0 })
    expect(() => memoryOnly.add('/r', report('a'))).not.toThrow()
    expect(createReportQueue({ storage: null }).add('/r', report('b')).report.commentId).toBe('b')
  })
})
