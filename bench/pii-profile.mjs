// Where Comment Shield's PII time goes: runs one preset (detection + redaction, as the pii suite does) over
// the seeded corpus under the V8 sampling profiler and prints each function's share of the samples, self
// and inclusive. Shares, not speeds: they hold up on a shared machine where comments/s do not. Runs
// against the built @comment-shield/core (npm run build -w @comment-shield/core).
//
//   node bench/pii-profile.mjs                 # full preset, 15 rounds
//   node bench/pii-profile.mjs browser 30      # browser preset (gated engine), 30 rounds
//   node bench/pii-profile.mjs compact         # the widget's default (compact engine)
//   PII_PROFILE_MODULE=/path/to/other/build.js node bench/pii-profile.mjs   # another build, for a before/after
import { readFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { fileURLToPath } from 'node:url'
import { generateCorpus } from './corpus.mjs'

const preset = process.argv[2] ?? 'full'
const rounds = Number(process.argv[3] ?? 15)
const core = await import(process.env.PII_PROFILE_MODULE ?? '@comment-shield/core')
const PRESETS = {
  full: () => (t) => core.redact(t).text,
  browser: () => {
    const shield = core.createAnalyzer({ piiDetector: core.detectPiiFast })
    return (t) => shield.redact(t).text
  },
  compact: () => {
    const shield = core.createAnalyzer()
    return (t) => shield.redact(t).text
  },
}
if (!PRESETS[preset]) throw new Error(`unknown preset ${preset}: full, browser or compact`)
const fn = PRESETS[preset]()
const corpus = generateCorpus({ size: 20_000, seed: 42, piiRate: 0.05 }).map((c) => c.text)
for (let i = 0; i < 2000; i++) fn(corpus[i]) // warm-up, as the pii suite does

const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.setSamplingInterval', { interval: 200 })
await session.post('Profiler.start')
const t0 = performance.now()
for (let r = 0; r < rounds; r++) for (const t of corpus) fn(t)
const ms = performance.now() - t0
const { profile } = await session.post('Profiler.stop')
session.disconnect()

// Self and inclusive sample counts per function (name, file, line); recursion counted once per sample.
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
// Recognisers' `find` methods are named by the `name: '…'` just above them in the built file.
const sources = new Map()
function recogniserAt(url, line) {
  if (!url.startsWith('file:')) return ''
  if (!sources.has(url)) sources.set(url, readFileSync(fileURLToPath(url), 'utf8').split('\n'))
  const lines = sources.get(url)
  for (let l = line; l >= 0 && l > line - 6; l--) {
    const m = /name: ["']([a-z-]+)["']/.exec(lines[l] ?? '')
    if (m) return ` [${m[1]}]`
  }
  return ''
}
const key = (n) => {
  const f = n.callFrame
  const file = f.url ? f.url.split('/').pop() : ''
  const name = f.functionName || '(anonymous)'
  const recogniser = name === 'find' ? recogniserAt(f.url, f.lineNumber) : ''
  return `${name}${recogniser}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`
}
const self = new Map()
const incl = new Map()
let total = 0
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0
  total += dt
  let id = profile.samples[i]
  const k = key(byId.get(id))
  self.set(k, (self.get(k) ?? 0) + dt)
  const seen = new Set()
  while (id !== undefined) {
    const name = key(byId.get(id))
    if (!seen.has(name)) {
      seen.add(name)
      incl.set(name, (incl.get(name) ?? 0) + dt)
    }
    id = parent.get(id)
  }
}
const top = (m, n) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `| ${((100 * v) / total).toFixed(1)}% | ${k.length > 110 ? `${k.slice(0, 110)}…` : k} |`)
    .join('\n')
console.log(
  `${preset} preset, ${rounds} rounds of ${corpus.length.toLocaleString('en-US')} comments: ` +
    `${Math.round((rounds * corpus.length) / (ms / 1000)).toLocaleString('en-US')} comments/s under the profiler\n`,
)
console.log(`### Self time\n\n| share | function |\n| --- | --- |\n${top(self, 25)}\n`)
console.log(`### Inclusive time\n\n| share | function |\n| --- | --- |\n${top(incl, 40)}`)
