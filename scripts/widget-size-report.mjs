// Per-module size report of the widget's single-file bundle (docs/widget.md §9), measured on the bundle as
// shipped: it builds the widget (tsup: esbuild, then terser), then attributes every byte of
// dist/comment-shield.js to a source module through the bundle's source map. Per group it prints the minified
// bytes and the marginal gzip: how much the bundle's gzip (level 9, as size-limit) shrinks when that group's
// bytes are taken out.
// Usage: node scripts/widget-size-report.mjs [--no-build] [--by-module]
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const widget = new URL('../packages/widget/', import.meta.url)
const args = new Set(process.argv.slice(2))
if (!args.has('--no-build')) {
  execFileSync('npm', ['run', 'build', '-w', '@comment-shield/widget'], {
    cwd: new URL('..', import.meta.url),
    stdio: 'ignore',
  })
}

function groupOf(source, byModule = args.has('--by-module')) {
  // Source-map paths are relative to packages/widget/dist ('../src/…', '../../core/src/…', '../../../node_modules/…').
  if (byModule) return source.replace(/^(\.\.\/)+(node_modules\/)?/, '')
  if (source.includes('node_modules/lit') || source.includes('node_modules/@lit')) return 'Lit'
  if (/^\.\.\/src\/i18n/.test(source)) return 'widget strings'
  if (/^\.\.\/src\//.test(source)) return 'widget elements and helpers'
  if (source.includes('core/src/score/')) return 'core abuse rules'
  if (source.includes('core/src/pii/')) return 'core PII'
  if (source.includes('core/src/normalize/')) return 'core normaliser'
  if (source.includes('core/src/redact/')) return 'core redaction'
  return 'core dox, policy, analyze, errors'
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Decodes a source map's `mappings` into [generated line, generated column, source index or -1] segments. */
function segmentsOf(mappings) {
  const out = []
  let source = 0
  mappings.split(';').forEach((line, lineIndex) => {
    let column = 0
    for (const segment of line.split(',')) {
      if (!segment) continue
      const fields = []
      let value = 0
      let shift = 0
      for (const ch of segment) {
        const digit = BASE64.indexOf(ch)
        value += (digit & 31) << shift
        if (digit & 32) shift += 5
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      column += fields[0]
      if (fields.length > 1) source += fields[1]
      out.push([lineIndex, column, fields.length > 1 ? source : -1])
    }
  })
  return out
}

const file = readFileSync(new URL('dist/comment-shield.js', widget))
const code = file.toString('utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '')
const map = JSON.parse(readFileSync(new URL('dist/comment-shield.js.map', widget), 'utf8'))
const total = gzipSync(code, { level: 9 }).length

// Cut the bundle at every mapped position; a piece belongs to the source of the mapping it starts at (pieces
// the minifiers made up, without a source, to the source before them).
const lineStarts = [0]
for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) lineStarts.push(i + 1)
const cuts = segmentsOf(map.mappings)
  .map(([line, column, source]) => [lineStarts[line] + column, source])
  .sort((a, b) => a[0] - b[0])
const pieces = []
let group = 'bundle glue'
let from // the source path of the current piece
let start = 0
for (const [at, source] of cuts) {
  if (at > start) pieces.push([group, code.slice(start, at), from])
  if (source >= 0) {
    from = map.sources[source]
    group = groupOf(from)
  }
  start = Math.max(start, at)
}
pieces.push([group, code.slice(start), from])

const groups = [...new Set(pieces.map(([g]) => g))]
const rows = groups.map((g) => {
  const own = pieces.filter(([p]) => p === g).map(([, s]) => s)
  const without = pieces
    .filter(([p]) => p !== g)
    .map(([, s]) => s)
    .join('')
  return {
    group: g,
    'min (kB)': (Buffer.byteLength(own.join('')) / 1000).toFixed(1),
    'marginal gzip (kB)': ((total - gzipSync(without, { level: 9 }).length) / 1000).toFixed(
      args.has('--by-module') ? 2 : 1,
    ),
  }
})
rows.sort((a, b) => Number(b['marginal gzip (kB)']) - Number(a['marginal gzip (kB)']))
// The headline is the file as size-limit measures it (with its sourceMappingURL comment).
console.log(
  `bundle: ${(file.length / 1000).toFixed(1)} kB min, ${(gzipSync(file, { level: 9 }).length / 1000).toFixed(2)} kB min+gzip (level 9)`,
)
console.table(rows)
// Floors for the 30 KB discussion (docs/widget.md §9): the same file compressed with brotli (quality 11, what
// most CDNs serve); the file with every CJK character deleted, the gzip it would have if all of its Chinese text
// (word lists, strings, tables) cost nothing; and the bundle without groups of core (always by the default
// grouping, whatever the flags).
const gzipWithout = (drop) =>
  gzipSync(
    pieces
      .filter(([, , source]) => !drop(source))
      .map(([, s]) => s)
      .join(''),
    { level: 9 },
  ).length
const defaultGroup = (source) => (source === undefined ? 'bundle glue' : groupOf(source, false))
console.log(
  `without any core code (Lit, elements, strings): ${(gzipWithout((s) => defaultGroup(s).startsWith('core')) / 1000).toFixed(2)} kB min+gzip`,
)
console.log(
  `without the core abuse rules and PII: ${(gzipWithout((s) => ['core abuse rules', 'core PII'].includes(defaultGroup(s))) / 1000).toFixed(2)} kB min+gzip`,
)
const brotli = brotliCompressSync(file, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
const withoutCjk = file.toString('utf8').replace(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/g, '')
console.log(`same file, brotli (quality 11): ${(brotli / 1000).toFixed(2)} kB`)
console.log(
  `same file with every CJK character deleted: ${(gzipSync(withoutCjk, { level: 9 }).length / 1000).toFixed(2)} kB min+gzip`,
)
