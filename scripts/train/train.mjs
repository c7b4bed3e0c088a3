// `npm run train`: trains the embedded abuse model of @comment-shield/core, reproducibly (seeded, single thread).
//
//   node scripts/train/train.mjs [--data ../shared/datasets] [--bits 18] [--epochs 6] [--seed 20261122] [--dry-run]
//
// 1. Bundles packages/core/src/score/features.ts with esbuild, so training and inference hash identically.
// 2. Derives a Traditional → Simplified single-character table from opencc-js (dev dependency of core, never shipped).
// 3. Trains two logistic heads on hashed n-grams with AdaGrad + L2, on TRAIN SPLITS ONLY:
//      offensive = COLD train + TweetEval offensive train,  hate = TweetEval hate train + COLD train.
//    10% of each train file is held out (seeded) to fit Platt calibration per language (zh / en).
// 4. Quantises to int8, re-evaluates the quantised model on COLD dev and TweetEval val, and writes
//    packages/core/model/abuse-model.js (weights as base64) and scripts/train/metrics.json.
import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import * as OpenCC from 'opencc-js'
import { auc, bestThreshold, macroF1, accuracy } from './metrics.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const args = process.argv.slice(2)
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : def
}
const DATA = resolve(root, opt('data', '../shared/datasets'))
const BITS = Number(opt('bits', 18))
const EPOCHS = Number(opt('epochs', 6))
const SEED = Number(opt('seed', 20261122))
const ETA = Number(opt('eta', 0.2))
const L2 = Number(opt('l2', 2e-6))
const DRY = args.includes('--dry-run')
const started = performance.now()

// ---- 1. the shared feature extractor ------------------------------------------------------------------------
const bundled = await build({
  entryPoints: [resolve(root, 'packages/core/src/score/features.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
})
const features = await import(
  `data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`
)

// ---- 2. Traditional → Simplified, one character at a time --------------------------------------------------
// Only 1:1 character mappings are kept (the model hashes characters). `妳` is not folded by OpenCC (it is valid in
// Simplified text too) but is used as "you" in Taiwanese text, so it is added by hand.
const t2cn = OpenCC.Converter({ from: 't', to: 'cn' })
const hk2cn = OpenCC.Converter({ from: 'hk', to: 'cn' })
const tw2cn = OpenCC.Converter({ from: 'tw', to: 'cn' })
const t2s = new Map([[0x59b3, 0x4f60]])
for (let c = 0x3400; c <= 0x9fff; c++) {
  const ch = String.fromCharCode(c)
  for (const conv of [t2cn, tw2cn, hk2cn]) {
    const s = conv(ch)
    if (s.length === 1 && s !== ch) {
      t2s.set(c, s.charCodeAt(0))
      break
    }
  }
}
const t2sPairs = [...t2s].map(([a, b]) => String.fromCharCode(a, b)).join('')
const fold = (u) => t2s.get(u) ?? u

// ---- data --------------------------------------------------------------------------------------------------
function load(file) {
  return readFileSync(resolve(DATA, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
}
function rng(seed) {
  // mulberry32: small, seeded, good enough for shuffling.
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = rng(SEED)
function shuffle(a) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}
function split(rows) {
  const s = shuffle([...rows])
  const k = Math.floor(s.length * 0.1)
  return { fit: s.slice(k), hold: s.slice(0, k) }
}

const buf = features.createFeatureBuffer()
function featurize(row) {
  const n = features.extractFeatures(row.text, BITS, buf, fold)
  return { x: buf.indices.slice(0, n), y: row.label, zh: row.lang === 'zh', text: row.text }
}

const cold = split(load('cold_train.jsonl'))
const off = split(load('tweeteval_offensive_train.jsonl'))
const hate = split(load('tweeteval_hate_train.jsonl'))
const sets = {
  offensive: {
    fit: [...cold.fit, ...off.fit].map(featurize),
    hold: [...cold.hold, ...off.hold].map(featurize),
  },
  hate: { fit: [...cold.fit, ...hate.fit].map(featurize), hold: [...cold.hold, ...hate.hold].map(featurize) },
}
const evals = {
  cold_dev: { head: 'offensive', rows: load('cold_dev.jsonl').map(featurize) },
  tweeteval_offensive_val: { head: 'offensive', rows: load('tweeteval_offensive_val.jsonl').map(featurize) },
  tweeteval_hate_val: { head: 'hate', rows: load('tweeteval_hate_val.jsonl').map(featurize) },
}

// ---- 3. training -------------------------------------------------------------------------------------------
const HEADS = ['offensive', 'hate']
const SIZE = 1 << BITS
function dot(w, x) {
  let s = 0
  for (let k = 0; k < x.length; k++) s += w[x[k]]
  return s / Math.sqrt(x.length)
}
const sigmoid = (z) => 1 / (1 + Math.exp(-z))

function train(rows) {
  const w = new Float64Array(SIZE)
  const g2 = new Float64Array(SIZE).fill(1e-8)
  const order = rows.map((_, i) => i)
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    shuffle(order)
    for (const i of order) {
      const { x, y } = rows[i]
      const v = 1 / Math.sqrt(x.length)
      const g = sigmoid(dot(w, x)) - y
      for (let k = 0; k < x.length; k++) {
        const j = x[k]
        const grad = g * v + L2 * w[j]
        g2[j] += grad * grad
        w[j] -= (ETA * grad) / Math.sqrt(g2[j])
      }
    }
  }
  return w
}

// Platt scaling p = sigmoid(a * z + b), fitted by Newton's method on held-out logits.
function platt(zs, ys) {
  let a = 1
  let b = 0
  for (let it = 0; it < 50; it++) {
    let ga = 0
    let gb = 0
    let haa = 1e-9
    let hab = 0
    let hbb = 1e-9
    for (let i = 0; i < zs.length; i++) {
      const p = sigmoid(a * zs[i] + b)
      const d = p - ys[i]
      const s = p * (1 - p)
      ga += d * zs[i]
      gb += d
      haa += s * zs[i] * zs[i]
      hab += s * zs[i]
      hbb += s
    }
    const det = haa * hbb - hab * hab
    a -= (hbb * ga - hab * gb) / det
    b -= (haa * gb - hab * ga) / det
  }
  return { a: +a.toFixed(5), b: +b.toFixed(5) }
}

const weights = {}
const calibration = {}
for (const head of HEADS) {
  const t0 = performance.now()
  weights[head] = train(sets[head].fit)
  console.error(
    `trained ${head} on ${sets[head].fit.length} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  )
}

// ---- 4. quantise, calibrate, evaluate ----------------------------------------------------------------------
// Interleaved int8: q[index * heads + head]; one scale per head.
const q = new Int8Array(SIZE * HEADS.length)
const scales = HEADS.map((head) => {
  const w = weights[head]
  let max = 0
  for (let j = 0; j < SIZE; j++) max = Math.max(max, Math.abs(w[j]))
  const scale = max / 127
  const h = HEADS.indexOf(head)
  for (let j = 0; j < SIZE; j++) q[j * HEADS.length + h] = Math.round(w[j] / scale)
  return +scale.toPrecision(8)
})
function qlogit(head, x) {
  const h = HEADS.indexOf(head)
  let s = 0
  for (let k = 0; k < x.length; k++) s += q[x[k] * HEADS.length + h]
  return (s * scales[h]) / Math.sqrt(x.length)
}
for (const head of HEADS) {
  calibration[head] = {}
  for (const lang of ['zh', 'en']) {
    const rows = sets[head].hold.filter((r) => r.zh === (lang === 'zh'))
    calibration[head][lang] = platt(
      rows.map((r) => qlogit(head, r.x)),
      rows.map((r) => r.y),
    )
  }
}
const prob = (head, r) => {
  const c = calibration[head][r.zh ? 'zh' : 'en']
  return sigmoid(c.a * qlogit(head, r.x) + c.b)
}

const metrics = {}
for (const [name, { head, rows }] of Object.entries(evals)) {
  const p = rows.map((r) => prob(head, r))
  const y = rows.map((r) => r.y)
  const best = bestThreshold(p, y)
  metrics[name] = {
    head,
    rows: rows.length,
    accuracy: +accuracy(p, y, 0.5).toFixed(4),
    macroF1: +macroF1(p, y, 0.5).toFixed(4),
    rocAuc: +auc(p, y).toFixed(4),
    bestThreshold: best.threshold,
    macroF1AtBest: +best.macroF1.toFixed(4),
  }
}
console.table(metrics)

const weightsB64 = Buffer.from(q.buffer).toString('base64')
const module = `// Generated by \`npm run train\` (scripts/train/train.mjs). Do not edit. See docs/model-card.md.
export const abuseModel = ${JSON.stringify({
  version: 1,
  bits: BITS,
  heads: HEADS,
  scales,
  calibration,
  seed: SEED,
  t2s: t2sPairs,
  weights: weightsB64,
})}
`
const out = resolve(root, 'packages/core/model/abuse-model.js')
const seconds = +((performance.now() - started) / 1000).toFixed(1)
if (!DRY) {
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, module)
  writeFileSync(
    resolve(root, 'scripts/train/metrics.json'),
    `${JSON.stringify({ bits: BITS, epochs: EPOCHS, seed: SEED, eta: ETA, l2: L2, calibration, metrics, bytes: statSync(out).size }, null, 2)}\n`,
  )
  console.error(`wrote ${out} (${statSync(out).size} bytes) in ${seconds} s`)
} else console.error(`dry run: ${module.length} bytes, ${seconds} s`)
