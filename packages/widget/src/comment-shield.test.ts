import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import '@comment-shield/widget/define'
import { DecisionEvent } from '@comment-shield/widget'

function mount(lang = 'en'): { form: HTMLFormElement; textarea: HTMLTextAreaElement; submits: string[] } {
  document.body.innerHTML = `
    <form lang="${lang}">
      <comment-shield><textarea name="text"></textarea></comment-shield>
      <button type="submit">Send</button>
    </form>`
  const form = document.querySelector('form')!
  const submits: string[] = []
  // The host page's own submit handler: it must run only for confirmed submissions.
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    submits.push(new FormData(form).get('text') as string)
  })
  return { form, textarea: document.querySelector('textarea')!, submits }
}

function dialog(): HTMLDialogElement {
  return document.querySelector('comment-shield')!.shadowRoot!.querySelector('dialog')!
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('<comment-shield>', () => {
  it('lets a clean comment through to the host submit handler', async () => {
    const { textarea, submits } = mount()
    await userEvent.type(textarea, 'Great article')
    await userEvent.click(document.querySelector('button[type=submit]')!)
    expect(submits).toEqual(['Great article'])
    expect(dialog().open).toBe(false)
  })

  it('stops a comment with a phone number and opens an alertdialog', async () => {
    const { textarea, submits } = mount()
    const decisions: DecisionEvent[] = []
    document.addEventListener(DecisionEvent.eventName, (e) => decisions.push(e))
    await userEvent.type(textarea, 'call 13800138000')
    await userEvent.click(document.querySelector('button[type=submit]')!)
    await expect.poll(() => dialog().open).toBe(true)
    expect(submits).toEqual([])
    expect(dialog().getAttribute('role')).toBe('alertdialog')
    expect(dialog().textContent).toContain('13800138000')
    expect(decisions.at(-1)?.decision.action).toBe('warn')
  })

  it('"Edit" closes the dialog and returns focus to the text box without submitting', async () => {
    const { textarea, submits } = mount()
    await userEvent.type(textarea, 'x@y.io')
    await userEvent.click(document.querySelector('button[type=submit]')!)
    await expect.poll(() => dialog().open).toBe(true)
    const edit = [...dialog().querySelectorAll('button')].find((b) => b.textContent === 'Edit')!
    await userEvent.click(edit)
    expect(dialog().open).toBe(false)
    expect(submits).toEqual([])
    expect(document.activeElement).toBe(textarea)
  })

  it('"Post anyway" submits through the host handler', async () => {
    const { textarea, submits } = mount()
    await userEvent.type(textarea, 'call 13800138000')
    await userEvent.click(document.querySelector('button[type=submit]')!)
    await expect.poll(() => dialog().open).toBe(true)
    const post = [...dialog().querySelectorAll('button')].find((b) => b.textContent === 'Post anyway')!
    await userEvent.click(post)
    expect(submits).toEqual(['call 13800138000'])
  })

  it('speaks Chinese when the form is lang=zh-CN', async () => {
    const { textarea } = mount('zh-CN')
    await userEvent.type(textarea, '13800138000')
    await userEvent.click(document.querySelector('button[type=submit]')!)
    await expect.poll(() => dialog().open).toBe(true)
    expect(dialog().textContent).toContain('仍然发布')
  })
})
