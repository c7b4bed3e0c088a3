// Per-module size report of the widget's single-file bundle (docs/widget.md §9): minified bytes per module from
// esbuild's metafile, and the marginal gzip of each group — how much the bundle's gzip shrinks when that group's
// minified code is taken out. Usage: node scripts/widget-size-report.mjs
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const MARK = '@@cs-module:'
const options = {
  entryPoints: ['src/define.ts'],
  absWorkingDir: new URL('../packages/widget/', import.meta.url).pathname,
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  charset: 'utf8',
  write: false,
  conditions: ['@comment-shield/source', 'browser', 'module', 'import'],
}

function groupOf(input) {
  // Metafile paths are relative to packages/widget ('src/…', '../core/src/…'); plugin paths are absolute.
  const path = input.startsWith('src/') ? `widget/${input}` : input
  if (path.includes('node_modules/lit') || path.includes('node_modules/@lit')) return 'Lit'
  if (path.includes('widget/src/i18n')) return 'widget strings'
  if (path.includes('widget/src/')) return 'widget elements and helpers'
  if (path.includes('core/src/score/')) return 'core abuse rules'
  if (path.includes('core/src/pii/')) return 'core PII'
  if (path.includes('core/src/normalize/')) return 'core normaliser'
  if (path.includes('core/src/redact/')) return 'core redaction'
  return 'core dox, policy, analyze, errors'
}

// 1. The bundle as shipped, with its metafile.
const plain = await build({ ...options, legalComments: 'none', metafile: true })
const bundle = plain.outputFiles[0].contents
const inputs = Object.values(plain.metafile.outputs)[0].inputs
const total = gzipSync(bundle, { level: 9 }).length

// 2. The same bundle with a legal-comment mark in front of each module, to cut it into per-module pieces.
const marked = await build({
  ...options,
  legalComments: 'inline',
  plugins: [
    {
      name: 'mark-modules',
      setup(b) {
        b.onLoad({ filter: /\.(ts|js)$/ }, (args) => ({
          contents: `/*! ${MARK}${args.path} */\n${readFileSync(args.path, 'utf8')}`,
          loader: args.path.endsWith('.ts') ? 'ts' : 'js',
        }))
      },
    },
  ],
})
const text = marked.outputFiles[0].text
const pieces = new Map()
const re = new RegExp(`/\\*! ${MARK}(.*?) \\*/\\n?`, 'g')
let last = { group: 'runtime', start: 0 }
for (const m of text.matchAll(re)) {
  pieces.set(last.group, (pieces.get(last.group) ?? '') + text.slice(last.start, m.index))
  last = { group: groupOf(m[1]), start: m.index + m[0].length }
}
pieces.set(last.group, (pieces.get(last.group) ?? '') + text.slice(last.start))

const minByGroup = new Map()
for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
  const g = groupOf(path)
  minByGroup.set(g, (minByGroup.get(g) ?? 0) + bytesInOutput)
}
const rows = [...minByGroup.entries()].map(([group, min]) => {
  const without = [...pieces.entries()]
    .filter(([g]) => g !== group)
    .map(([, s]) => s)
    .join('')
  const withoutGzip = gzipSync(Buffer.from(without.replace(re, '')), { level: 9 }).length
  return {
    group,
    'min (kB)': (min / 1000).toFixed(1),
    'marginal gzip (kB)': ((total - withoutGzip) / 1000).toFixed(1),
  }
})
rows.sort((a, b) => Number(b['marginal gzip (kB)']) - Number(a['marginal gzip (kB)']))
console.log(
  `bundle: ${(bundle.length / 1000).toFixed(1)} kB min, ${(total / 1000).toFixed(2)} kB min+gzip (level 9)`,
)
console.table(rows)
