/// <reference types="vite/client" />
// The single-file bundle ships the widget's `css` and `html` templates minified (scripts/bundle-minify.mjs);
// the other tests run the sources. Here Chromium itself checks, template by template, that the minified text
// parses to the same style rules and the same elements, attributes and text as the source.
import { describe, expect, it } from 'vitest'
import { minifyCss, minifyHtml, minifyLiterals, scanTemplate } from '../scripts/bundle-minify.mjs'
import commentShield from './comment-shield.ts?raw'
import protectionBanner from './protection-banner.ts?raw'
import reportButton from './report-button.ts?raw'
import styles from './styles.ts?raw'

const SOURCES = { commentShield, protectionBanner, reportButton, styles }

/** Every `css` or `html` template of a source, nested ones included, as its static parts. */
function templates(src: string, tag: 'css' | 'html'): string[][] {
  const found: string[][] = []
  const re = new RegExp(`\\b${tag}\``, 'g')
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const { parts } = scanTemplate(src, m.index + tag.length)
    found.push(parts.map(([a, b]) => src.slice(a, b)))
  }
  return found
}

function cssRules(text: string): string[] {
  const sheet = new CSSStyleSheet()
  // A template of declarations only (the dark theme tokens) is parsed as the body of a rule.
  sheet.replaceSync(text.includes('{') ? text : `:host{${text}}`)
  return [...sheet.cssRules].map((rule) => rule.cssText)
}

/** Elements with their attributes, and text with white space collapsed (empty text dropped). */
function htmlShape(text: string): string[] {
  const template = document.createElement('template')
  template.innerHTML = text
  const out: string[] = []
  const walk = (node: Node): void => {
    if (node instanceof Element) {
      const attrs = [...node.attributes].map((a) => `${a.name}=${a.value}`).sort()
      out.push(`<${node.localName} ${attrs.join(' ')}>`)
    } else if (node.nodeType === Node.TEXT_NODE) {
      const t = (node.textContent ?? '').replace(/\s+/g, ' ').trim()
      if (t) out.push(t)
    }
    node.childNodes.forEach(walk)
    if (node instanceof Element) out.push(`</${node.localName}>`)
  }
  template.content.childNodes.forEach(walk)
  return out
}

describe('bundle template minification', () => {
  it.each(Object.entries(SOURCES))('keeps every line of %s (the source map stays right)', (_, src) => {
    const min = minifyLiterals(src)
    expect(min.split('\n')).toHaveLength(src.split('\n').length)
    expect(min.length).toBeLessThan(src.length)
  })

  it.each(Object.entries(SOURCES))('minifies the css of %s to the same rules', (_, src) => {
    const before = templates(src, 'css')
    const after = templates(minifyLiterals(src), 'css')
    expect(after).toHaveLength(before.length)
    before.forEach((parts, i) => {
      // An interpolation in the widget's styles is a block of declarations; parsed without it here.
      const original = cssRules(parts.join(''))
      expect(original.length).toBeGreaterThan(0)
      expect(cssRules(after[i]!.join(''))).toEqual(original)
    })
  })

  it.each(Object.entries(SOURCES))('minifies the html of %s to the same elements and text', (_, src) => {
    const before = templates(src, 'html')
    const after = templates(minifyLiterals(src), 'html')
    expect(after).toHaveLength(before.length)
    before.forEach((parts, i) => {
      // Bindings become a marker, as Lit does, so attribute and text bindings keep their places.
      expect(after[i]).toHaveLength(parts.length)
      expect(htmlShape(after[i]!.join('lit$0$'))).toEqual(htmlShape(parts.join('lit$0$')))
    })
  })

  it('keeps white space that is content or separates an unquoted binding from `/>`', () => {
    expect(minifyHtml('<b>a</b> <i>b</i>')).toBe('<b>a</b> <i>b</i>')
    expect(minifyHtml('value=\n  />')).toBe('value= />')
    expect(minifyHtml('<p>\n  one\n  two\n</p>')).toBe('<p>one two</p>')
    expect(minifyHtml('<label part="reason"\n  ><input')).toBe('<label part="reason"><input')
  })

  it('keeps the spaces of selectors and values in css', () => {
    expect(
      minifyCss('\n  fieldset label {\n    margin: 0 0 0.5rem;\n    color: rgb(0 0 0 / 0.45);\n  }\n'),
    ).toBe(
      // The leading space stays: a part may follow a binding.
      ' fieldset label{margin:0 0 0.5rem;color:rgb(0 0 0 / 0.45)}',
    )
  })
})
