import { afterEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import '@comment-shield/widget/define'
import type { CommentShield } from '@comment-shield/widget'
import { DecisionEvent } from '@comment-shield/widget'
import { analyze } from '@comment-shield/core'
import type { Decision } from '@comment-shield/core'

import { resetHarness, setFault, shieldApi } from '@comment-shield/test-utils/harness-client'

// The real @comment-shield/node router on loopback (see packages/test-utils/src/shield-harness.ts).
const api = shieldApi

interface Mounted {
  form: HTMLFormElement
  shield: CommentShield
  textarea: HTMLTextAreaElement
  submit: HTMLButtonElement
  submits: string[]
  decisions: DecisionEvent[]
}

async function mount(options: { lang?: string; attrs?: string } = {}): Promise<Mounted> {
  document.body.innerHTML = `
    <form lang="${options.lang ?? 'en'}">
      <label for="c">Comment</label>
      <comment-shield ${options.attrs ?? ''}><textarea id="c" name="text"></textarea></comment-shield>
      <button type="submit">Send</button>
    </form>`
  const form = document.querySelector('form')!
  const submits: string[] = []
  const decisions: DecisionEvent[] = []
  // The host page's own submit handler: it must run only for allowed or confirmed submissions.
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    submits.push(new FormData(form).get('text') as string)
  })
  form.addEventListener(DecisionEvent.eventName, (e) => decisions.push(e))
  const shield = document.querySelector('comment-shield')!
  await shield.updateComplete
  return {
    form,
    shield,
    textarea: document.querySelector('textarea')!,
    submit: document.querySelector('button[type=submit]')!,
    submits,
    decisions,
  }
}

function dialog(shield = document.querySelector('comment-shield')!): HTMLDialogElement {
  return shield.shadowRoot!.querySelector('dialog')!
}

function button(name: string, shield = document.querySelector('comment-shield')!): HTMLButtonElement {
  const found = [...dialog(shield).querySelectorAll('button')].find((b) => b.textContent?.trim() === name)
  if (!found) throw new Error(`no button "${name}" in the dialog`)
  return found
}

function hint(shield = document.querySelector('comment-shield')!): string {
  return shield.shadowRoot!.querySelector('[part=hint]')!.textContent.trim()
}

/** The element that has focus, looking into shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
  return active
}

afterEach(async () => {
  document.body.innerHTML = ''
  await resetHarness()
})

describe('<comment-shield>: typing', () => {
  it('shows a discreet inline hint after the user pauses on personal information', async () => {
    const { textarea, shield } = await mount()
    expect(hint(shield)).toBe('')
    await userEvent.type(textarea, 'his number is 13800138000')
    await expect.poll(() => hint(shield)).toBe('Looks like it contains: phone number')
    await userEvent.clear(textarea)
    await userEvent.type(textarea, 'nice work')
    await expect.poll(() => hint(shield)).toBe('')
  })

  it('never analyses inside the input event: a burst of keystrokes is analysed once, later', async () => {
    const { textarea, shield } = await mount()
    const light = shield.analyzer
    const analyzer = vi.fn((text: string) => light.analyze(text))
    shield.analyzer = { ...light, analyze: analyzer }
    const text = `${'x'.repeat(4_980)} 13800138000`
    for (let i = 1; i <= 50; i++) {
      textarea.value = text.slice(0, (text.length * i) / 50)
      textarea.dispatchEvent(new InputEvent('input', { bubbles: true }))
    }
    expect(analyzer).not.toHaveBeenCalled()
    await expect.poll(() => hint(shield)).toContain('phone number')
    expect(analyzer).toHaveBeenCalledTimes(1)
  })

  it('reserves the hint line so the host page does not move when the hint appears', async () => {
    const { textarea, shield, submit } = await mount()
    const before = submit.getBoundingClientRect().top
    await userEvent.type(textarea, 'mail me: ann@example.com')
    await expect.poll(() => hint(shield)).not.toBe('')
    expect(submit.getBoundingClientRect().top).toBe(before)
  })
})

describe('<comment-shield>: abuse', () => {
  it('hints and warns about an insult with the rule layer, highlighting the words', async () => {
    const { textarea, submit, shield, submits } = await mount()
    await userEvent.type(textarea, 'you are an idiot and everyone knows it')
    await expect.poll(() => hint(shield)).toBe('Looks like it contains: insult')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    expect(dialog().textContent).toContain('This reads as an insult.')
    expect(dialog().textContent).toContain('Words like these hurt real people.')
    expect([...dialog().querySelectorAll('mark')].map((m) => m.dataset.category)).toContain('insult')
    // Nothing to redact: no "Remove personal information".
    expect([...dialog().querySelectorAll('button')].map((b) => b.textContent.trim())).not.toContain(
      'Remove personal information',
    )
    expect(submits).toEqual([])
  })

  it("shows the server's own message for a hold without a content category", async () => {
    const { shield, textarea, submit } = await mount()
    shield.onCheck = (request) =>
      Promise.resolve({
        verdict: analyze(request.text),
        decision: {
          action: 'hold' as const,
          reasons: ['protection:new_account'],
          categories: [],
          userMessage: { 'zh-CN': '该讨论处于保护模式。', en: 'This thread is in protection mode.' },
        },
      })
    await userEvent.type(textarea, 'hello there')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    expect(dialog().textContent).toContain('This thread is in protection mode.')
    expect(button('Post for review')).toBeTruthy()
  })
})

describe('<comment-shield>: the dialog', () => {
  it('lets a clean comment through to the host submit handler without a dialog', async () => {
    const { textarea, submit, submits, decisions } = await mount()
    await userEvent.type(textarea, 'Great article')
    await userEvent.click(submit)
    expect(submits).toEqual(['Great article'])
    expect(dialog().open).toBe(false)
    expect(decisions.map((d) => [d.decision.action, d.source])).toEqual([['allow', 'local']])
  })

  it('stops a comment with a phone number and opens a labelled alertdialog naming it', async () => {
    const { textarea, submit, submits, decisions } = await mount()
    await userEvent.type(textarea, 'He lives near me, call him: 13800138000')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    expect(submits).toEqual([])
    const d = dialog()
    expect(d.getAttribute('role')).toBe('alertdialog')
    expect(d.shadowRoot).toBeNull()
    const title = d.querySelector(`#${d.getAttribute('aria-labelledby')}`)!
    expect(title.textContent).toBe('Before you post')
    expect(d.textContent).toContain("This looks like someone's phone number.")
    expect(d.textContent).toContain(
      "Posting other people's personal information can hurt them and may be illegal.",
    )
    const marks = [...d.querySelectorAll('mark')]
    expect(marks.map((m) => [m.textContent, m.dataset.category])).toEqual([['13800138000', 'phone']])
    expect(decisions.at(-1)?.decision.action).toBe('warn')
    expect(deepActive()?.textContent?.trim()).toBe('Edit')
  })

  it('"Edit" closes the dialog, returns focus to the text box and does not submit', async () => {
    const { textarea, submit, submits, decisions } = await mount()
    await userEvent.type(textarea, 'x@y.io')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    await userEvent.click(button('Edit'))
    expect(dialog().open).toBe(false)
    expect(submits).toEqual([])
    expect(textarea.value).toBe('x@y.io')
    expect(document.activeElement).toBe(textarea)
    expect(decisions.at(-1)?.choice).toBe('edit')
  })

  it('"Remove personal information" redacts the text box in one click and lets the user review it', async () => {
    const { textarea, submit, submits, shield } = await mount()
    const inputs: string[] = []
    textarea.addEventListener('input', () => inputs.push(textarea.value))
    await userEvent.type(textarea, 'call 13800138000 or mail ann@example.com today')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    await userEvent.click(button('Remove personal information'))
    expect(dialog().open).toBe(false)
    expect(textarea.value).toBe('call [phone] or mail [email] today')
    // Frameworks that track the value through input events see the change.
    expect(inputs.at(-1)).toBe('call [phone] or mail [email] today')
    expect(submits).toEqual([])
    expect(document.activeElement).toBe(textarea)
    expect(hint(shield)).toBe('')
    await userEvent.click(submit)
    expect(submits).toEqual(['call [phone] or mail [email] today'])
  })

  it('"Post anyway" submits once through the host handler, with the original submitter', async () => {
    const { form, textarea, submit, submits, decisions } = await mount()
    submit.name = 'via'
    submit.value = 'send-button'
    const submitters: (HTMLElement | null)[] = []
    form.addEventListener('submit', (e) => submitters.push(e.submitter))
    await userEvent.type(textarea, 'call 13800138000')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    await userEvent.click(button('Post anyway'))
    expect(submits).toEqual(['call 13800138000'])
    expect(submitters).toEqual([submit])
    expect(decisions.map((d) => d.choice)).toEqual(['none', 'post-anyway'])
    expect(dialog().open).toBe(false)
  })

  it('Esc closes the dialog without posting and returns focus to the text box', async () => {
    const { textarea, submit, submits, decisions } = await mount()
    await userEvent.type(textarea, 'call 13800138000')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    await userEvent.keyboard('{Escape}')
    await expect.poll(() => dialog().open).toBe(false)
    expect(submits).toEqual([])
    await expect.poll(() => document.activeElement).toBe(textarea)
    expect(decisions.at(-1)?.choice).toBe('dismiss')
    // The next submission is checked again (the dialog did not leave a bypass behind).
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    expect(submits).toEqual([])
  })

  it('renders user text as text, never as HTML', async () => {
    const { textarea, submit } = await mount()
    const evil = '<img src=x id=pwned> call 13800138000 <b>now</b>'
    textarea.value = evil
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    expect(dialog().querySelector('img, b')).toBeNull()
    expect(dialog().textContent).toContain('<img src=x id=pwned>')
  })

  it('offers no "Post anyway" when the policy rejects, and labels it "Post for review" when it holds', async () => {
    const { shield, textarea, submit } = await mount()
    const policy = (action: Decision['action']) => (): Decision => ({
      action,
      reasons: ['pii:phone'],
      categories: ['phone'],
      userMessage: { 'zh-CN': '', en: '' },
    })
    shield.policy = policy('reject')
    await userEvent.type(textarea, 'call 13800138000')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    const labels = (): string[] => [...dialog().querySelectorAll('button')].map((b) => b.textContent.trim())
    expect(labels()).toEqual(['Edit', 'Remove personal information'])
    await userEvent.click(button('Edit'))
    shield.policy = policy('hold')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    expect(labels()).toEqual(['Edit', 'Remove personal information', 'Post for review'])
    expect(dialog().textContent).toContain('a moderator will review it')
  })
})

describe('<comment-shield>: keyboard only', () => {
  it('is usable end to end with the keyboard, focus trapped in the dialog', async () => {
    const { textarea, submits } = await mount()
    textarea.focus()
    await userEvent.keyboard('my phone 13800138000')
    await userEvent.tab() // → Send
    await userEvent.keyboard('{Enter}')
    await expect.poll(() => dialog().open).toBe(true)
    expect(deepActive()?.textContent?.trim()).toBe('Edit')
    await userEvent.tab()
    expect(deepActive()?.textContent?.trim()).toBe('Remove personal information')
    await userEvent.tab()
    expect(deepActive()?.textContent?.trim()).toBe('Post anyway')
    await userEvent.tab() // wraps around instead of leaving the dialog
    expect(deepActive()?.textContent?.trim()).toBe('Edit')
    await userEvent.tab({ shift: true }) // and backwards
    expect(deepActive()?.textContent?.trim()).toBe('Post anyway')
    await userEvent.tab({ shift: true })
    await userEvent.keyboard('{Enter}') // Remove personal information
    expect(dialog().open).toBe(false)
    expect(textarea.value).toBe('my phone [phone]')
    expect(document.activeElement).toBe(textarea)
    await userEvent.tab()
    await userEvent.keyboard('{Enter}')
    expect(submits).toEqual(['my phone [phone]'])
  })
})

describe('<comment-shield>: other text boxes', () => {
  it('guards an <input> named with for="id"', async () => {
    document.body.innerHTML = `
      <form lang="en"><input id="name" name="text" aria-label="Comment" /><button type="submit">Go</button></form>
      <comment-shield for="name"></comment-shield>`
    const input = document.querySelector('input')!
    const submits: string[] = []
    document.querySelector('form')!.addEventListener('submit', (e) => {
      e.preventDefault()
      submits.push(input.value)
    })
    await userEvent.type(input, 'ann@example.com')
    await userEvent.click(document.querySelector('button')!)
    await expect.poll(() => dialog().open).toBe(true)
    await userEvent.click(button('Remove personal information'))
    expect(input.value).toBe('[email]')
    expect(submits).toEqual([])
  })

  it('redacts a contenteditable editor in place and confirm() resolves without a form', async () => {
    document.body.innerHTML = `
      <comment-shield lang="en"><div contenteditable="true" role="textbox" aria-label="Comment"
        >Call <b>138</b>00138000 please</div></comment-shield>`
    const editor = document.querySelector<HTMLElement>('[contenteditable]')!
    const shield = document.querySelector('comment-shield')!
    const answer = shield.confirm()
    await expect.poll(() => dialog().open).toBe(true)
    await userEvent.click(button('Remove personal information'))
    await expect(answer).resolves.toBe(false)
    expect(editor.textContent).toBe('Call [phone] please')
    expect(editor.querySelector('script, img')).toBeNull()
    editor.textContent = 'All good now'
    await expect(shield.confirm()).resolves.toBe(true)
  })
})

describe('<comment-shield>: server /check', () => {
  it('treats the server decision as authoritative', async () => {
    const { textarea, submit, submits, decisions } = await mount({
      attrs: `check-url="${api}/check" target-id="a1"`,
    })
    await userEvent.type(textarea, 'call 13800138000')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    // The real router's default policy redacts personal information; the local policy would only warn.
    expect(decisions.at(-1)?.source).toBe('server')
    expect(decisions.at(-1)?.decision.action).toBe('redact')
    expect(dialog().textContent).toContain('the personal information in it will be hidden')
    await userEvent.click(button('Post anyway'))
    await expect.poll(() => submits).toEqual(['call 13800138000'])
  })

  it('re-submits a comment the server allows, through the host handler', async () => {
    const { textarea, submit, submits, decisions } = await mount({ attrs: `check-url="${api}/check"` })
    await userEvent.type(textarea, 'Thanks for the report')
    await userEvent.click(submit)
    await expect.poll(() => submits).toEqual(['Thanks for the report'])
    expect(decisions.map((d) => [d.source, d.decision.action])).toEqual([['server', 'allow']])
    expect(dialog().open).toBe(false)
  })

  it('falls back to the local decision when the server cannot be reached', async () => {
    await setFault('offline')
    const { textarea, submit, decisions } = await mount({ attrs: `check-url="${api}/check"` })
    await userEvent.type(textarea, 'call 13800138000')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    expect(decisions.at(-1)?.source).toBe('local')
    expect(decisions.at(-1)?.decision.action).toBe('warn')
  })

  it('tells a rate-limited author when to try again and offers no way around it', async () => {
    await setFault('rate-limited')
    const { textarea, submit } = await mount({ attrs: `check-url="${api}/check"` })
    await userEvent.type(textarea, 'hello')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    expect(dialog().textContent).toContain('Please try again in 30 seconds.')
    expect([...dialog().querySelectorAll('button')].map((b) => b.textContent.trim())).toEqual(['Edit'])
  })

  it('uses a host-supplied onCheck transport instead of fetch', async () => {
    const { shield, textarea, submit } = await mount()
    const onCheck = vi.fn((request: { text: string }) =>
      Promise.resolve({
        verdict: analyze(request.text),
        decision: {
          action: 'hold' as const,
          reasons: ['custom'],
          categories: ['insult'],
          userMessage: { 'zh-CN': '', en: '' },
        },
      }),
    )
    shield.onCheck = onCheck
    await userEvent.type(textarea, 'you fool')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    expect(onCheck).toHaveBeenCalledWith(
      expect.objectContaining({ text: 'you fool', locale: 'en' }),
      expect.anything(),
    )
    expect(dialog().textContent).toContain('This reads as an insult.')
    expect(dialog().textContent).toContain('Words like these hurt real people.')
  })
})

describe('<comment-shield>: languages', () => {
  it('speaks Simplified Chinese when the form is lang=zh-CN', async () => {
    const { textarea, submit, shield } = await mount({ lang: 'zh-CN' })
    await userEvent.type(textarea, '他的电话是13800138000')
    await expect.poll(() => hint(shield)).toBe('看起来包含：手机号')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    expect(dialog().textContent).toContain('发布前请确认')
    expect(dialog().textContent).toContain('这看起来像某人的手机号。')
    await userEvent.click(button('删除个人信息'))
    expect(textarea.value).toBe('他的电话是[手机号]')
  })

  it('speaks Traditional Chinese for zh-TW and zh-HK', async () => {
    const { textarea, submit } = await mount({ lang: 'zh-HK' })
    await userEvent.type(textarea, '13800138000')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    expect(dialog().textContent).toContain('發佈前請確認')
    expect(button('仍然發佈')).toBeTruthy()
  })

  it('lets the host override any string', async () => {
    const { shield, textarea, submit } = await mount()
    shield.strings = {
      dialogTitle: 'Hold on',
      postAnyway: 'Send it',
      categoryHelp: { phone: 'A phone number!' },
    }
    await userEvent.type(textarea, '13800138000')
    await userEvent.click(submit)
    await expect.poll(() => dialog().open).toBe(true)
    expect(dialog().textContent).toContain('Hold on')
    expect(dialog().textContent).toContain('A phone number!')
    expect(button('Send it')).toBeTruthy()
    expect(button('Edit')).toBeTruthy()
  })
})
