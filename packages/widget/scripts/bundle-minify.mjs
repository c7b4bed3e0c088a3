// Build steps of the widget's single-file bundle only (tsup.config.ts). docs/widget.md §9 lists what each step
// saves; src/bundle-minify.test.ts checks in Chromium that the minified templates mean what the sources say.
// Node modules are imported where they are used, so the test can load this file in the browser.
// Written by hand rather than with minify-html-literals / @literals/html-css-minifier: those run html-minifier and
// clean-css, which rewrite CSS values (leading zeros, spaces after commas) that custom properties must keep as
// written (bundle-minify.test.ts caught exactly that change), and they shift the bundle's line numbers; the
// widget's templates need only white space removed, which this file does in ~100 lines without dependencies.
/**
 * Finds the end of a template literal whose opening backtick is at `open`, and the static parts between its
 * `${…}` expressions. Expressions are skipped with a small scanner that knows strings, comments, nested
 * braces and nested template literals, which is all the widget's sources use.
 *
 * @param {string} src
 * @param {number} open - index of the opening backtick
 * @returns {{ end: number, parts: Array<[number, number]> }} `end` is the index of the closing backtick
 */
export function scanTemplate(src, open) {
  const parts = []
  let start = open + 1
  let i = start
  for (;;) {
    const c = src[i]
    if (c === undefined) throw new Error(`unterminated template literal at ${open}`)
    if (c === '\\') i += 2
    else if (c === '`') {
      parts.push([start, i])
      return { end: i, parts }
    } else if (c === '$' && src[i + 1] === '{') {
      parts.push([start, i])
      i = skipExpression(src, i + 2)
      start = i
    } else i++
  }
}

/** Index just after the `}` that closes an expression starting at `i`. */
function skipExpression(src, i) {
  let depth = 0
  for (;;) {
    const c = src[i]
    if (c === undefined) throw new Error('unterminated template expression')
    if (c === '{') depth++
    else if (c === '}') {
      if (depth === 0) return i + 1
      depth--
    } else if (c === "'" || c === '"') {
      i++
      while (src[i] !== c) {
        if (src[i] === undefined) throw new Error('unterminated string in template expression')
        i += src[i] === '\\' ? 2 : 1
      }
    } else if (c === '`') {
      i = scanTemplate(src, i).end
    } else if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i)
      continue
    } else if (c === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i) + 1
    }
    i++
  }
}

/**
 * Minifies the static text of a `css` template part: the widget's styles hold no strings with spaces, no
 * comments and no `url()`, so collapsing whitespace and dropping it around punctuation is safe. Spaces that
 * separate selector parts (`fieldset label`) and values (`0 0 0.5rem`) are kept, and so are the space after a
 * comma and leading zeros: a custom property keeps its value's tokens as written (`var(--cs-radius, 0.5rem)`).
 *
 * @param {string} text
 * @returns {string}
 */
export function minifyCss(text) {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
}

/**
 * Minifies the static text of an `html` template part: a run of white space with a line break is layout of
 * the source, not content. It goes entirely when it touches a tag (`>` before or `<` after: between block
 * elements, flex items, or at the edge of an element's content, where the browser would not render it) or
 * ends a tag (`>` after: `<label part="reason"\n>`); any other such run (between attributes, between two
 * bindings) becomes one space, never nothing, so `value=${v}\n/>` keeps its space. Runs without a line break
 * are content and stay.
 *
 * @param {string} text
 * @returns {string}
 */
export function minifyHtml(text) {
  return text.replace(/\s*\n\s*/g, (run, offset, whole) => {
    const before = whole[offset - 1]
    const after = whole[offset + run.length]
    return before === '>' || after === '<' || after === '>' ? '' : ' '
  })
}

const TAGS = { css: minifyCss, html: minifyHtml }

/**
 * Minifies every `css` and `html` tagged template of a source file. Removed line breaks are put back after the
 * template's closing backtick (where the bundler drops them), so line numbers, and the source map, stay right.
 *
 * @param {string} src
 * @returns {string}
 */
export function minifyLiterals(src) {
  let out = ''
  let last = 0
  const re = /\b(css|html)`/g
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const open = m.index + m[0].length - 1
    const { end, parts } = scanTemplate(src, open)
    const minify = TAGS[m[1]]
    // The `${…}` expressions between the static parts may hold templates of their own: minified recursively.
    let chunk = src.slice(open, parts[0][0])
    parts.forEach(([a, b], k) => {
      chunk += minify(src.slice(a, b))
      if (k + 1 < parts.length) chunk += minifyLiterals(src.slice(b, parts[k + 1][0]))
    })
    chunk += '`'
    const original = src.slice(open, end + 1)
    const lost = original.split('\n').length - chunk.split('\n').length
    out += src.slice(last, open) + chunk + '\n'.repeat(Math.max(0, lost))
    last = end + 1
    re.lastIndex = end + 1
  }
  return out + src.slice(last)
}

/**
 * esbuild plugin: {@link minifyLiterals} on the widget's own sources (Lit and core have no such templates).
 *
 * @type {import('esbuild').Plugin}
 */
export const minifyLiteralsPlugin = {
  name: 'comment-shield-minify-literals',
  setup(build) {
    build.onLoad({ filter: /[\\/]widget[\\/]src[\\/][^\\/]+\.ts$/ }, async (args) => ({
      contents: minifyLiterals(await (await import('node:fs/promises')).readFile(args.path, 'utf8')),
      loader: 'ts',
    }))
  },
}

/**
 * Terser's options for the second minification pass, after esbuild's: three compress passes over the whole
 * module. Only safe transforms (no `unsafe*`, no `pure_getters`, no property mangling) and nothing that
 * needs `eval`, so the bundle stays as CSP-safe as its sources.
 *
 * @type {import('terser').MinifyOptions}
 */
export const terserOptions = {
  module: true,
  ecma: 2020,
  toplevel: true,
  compress: { passes: 3 },
  format: { comments: false, ascii_only: false },
}

/**
 * Runs terser on a bundle chunk, with a source map relative to the chunk (for tsup, which chains it onto
 * esbuild's). Throws when terser fails, so a broken pass can never ship an unminified bundle silently.
 *
 * @param {string} code
 * @param {string} fileName
 * @returns {Promise<{ code: string, map: string }>}
 */
export async function terserChunk(code, fileName) {
  const { minify } = await import('terser')
  const out = await minify({ [fileName]: code }, { ...terserOptions, sourceMap: true })
  if (typeof out.code !== 'string' || typeof out.map !== 'string')
    throw new Error('terser produced no output')
  return { code: out.code, map: out.map }
}

/** tsup plugin: {@link terserChunk} on every JavaScript chunk of the build it is added to. */
export const terserPlugin = {
  name: 'comment-shield-terser',
  async renderChunk(code, info) {
    if (!/\.(c|m)?js$/.test(info.path)) return undefined
    return terserChunk(code, info.path)
  },
}

/**
 * Puts the widget's sources back into a source map as they are on disk: esbuild embeds what
 * {@link minifyLiteralsPlugin} handed it. Line numbers already match (the plugin keeps every line).
 *
 * @param {string} mapPath - the bundle's `.map` file
 */
export async function restoreSourcesContent(mapPath) {
  const { dirname, resolve } = await import('node:path')
  const { readFile, writeFile } = await import('node:fs/promises')
  const map = JSON.parse(await readFile(mapPath, 'utf8'))
  await Promise.all(
    map.sources.map(async (source, i) => {
      if (!/(^|\/)widget\/src\/[^/]+\.ts$/.test(resolve(dirname(mapPath), source))) return
      map.sourcesContent[i] = await readFile(resolve(dirname(mapPath), source), 'utf8')
    }),
  )
  await writeFile(mapPath, JSON.stringify(map))
}
