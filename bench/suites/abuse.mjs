// Abuse scoring: throughput of the full local analyze() (normalise + PII + abuse + doxing) and of the rule layer
// alone, side by side with the npm word-list libraries, and everyone's detection / false-positive rates on the
// same labelled dev/val splits (COLD dev for Chinese, TweetEval offensive val for English).
//
//   npm run build -w @comment-shield/core && node bench/run.mjs abuse
//
// Data: ../shared/datasets (override with COMMENT_SHIELD_DATA). One core, one thread, no warm cache tricks.
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { analyze, createLocalScorer, createRuleScorer, loadAbuseModel } from '@comment-shield/core'
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity'
import { profanity } from '@2toad/profanity'
import { Filter } from 'glin-profanity'
import leo from 'leo-profanity'

export const title = 'Abuse scoring'

const DATA =
  process.env.COMMENT_SHIELD_DATA ?? fileURLToPath(new URL('../../../shared/datasets/', import.meta.url))

function load(file) {
  return readFileSync(`${DATA}/${file}`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
}

function auc(p, y) {
  const idx = p.map((_, i) => i).sort((a, b) => p[a] - p[b])
  let rank = 0
  let pos = 0
  for (let i = 0; i < idx.length;) {
    let j = i
    while (j + 1 < idx.length && p[idx[j + 1]] === p[idx[i]]) j++
    for (let k = i; k <= j; k++) if (y[idx[k]]) ((rank += (i + j) / 2 + 1), pos++)
    i = j + 1
  }
  const neg = p.length - pos
  return (rank - (pos * (pos + 1)) / 2) / (pos * neg)
}

function quality(flagged, scores, rows) {
  let tp = 0
  let fp = 0
  let fn = 0
  let tn = 0
  rows.forEach((r, i) => {
    if (flagged[i] && r.label) tp++
    else if (flagged[i]) fp++
    else if (r.label) fn++
    else tn++
  })
  const f1 = (a, b, c) => (a === 0 ? 0 : (2 * a) / (2 * a + b + c))
  return {
    detection: tp / (tp + fn),
    falsePositive: fp / (fp + tn),
    accuracy: (tp + tn) / rows.length,
    macroF1: (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2,
    rocAuc: scores
      ? auc(
          scores,
          rows.map((r) => r.label),
        )
      : NaN,
  }
}

function throughput(fn, texts, minMs = 1500) {
  // Warm up, then run whole passes over the corpus until minMs has elapsed.
  for (let i = 0; i < Math.min(texts.length, 2000); i++) fn(texts[i])
  let n = 0
  const t0 = performance.now()
  let t = t0
  while (t - t0 < minMs) {
    for (const x of texts) fn(x)
    n += texts.length
    t = performance.now()
  }
  return (n / (t - t0)) * 1000
}

export async function run() {
  const t0 = performance.now()
  const model = await loadAbuseModel()
  const modelLoadMs = performance.now() - t0
  const full = createLocalScorer({ model })
  const rulesOnly = createLocalScorer({ model: false })
  const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers })
  const glin = new Filter({ allLanguages: true })

  const sets = { zh: load('cold_dev.jsonl'), en: load('tweeteval_offensive_val.jsonl') }
  const all = [...sets.zh, ...sets.en]
  const texts = all.map((r) => r.text)

  // The parts of the abuse path, on the same corpus, measured first on a fresh heap (after the peers, the
  // garbage some of them leave behind makes every later figure several times lower).
  const rules = createRuleScorer()
  const parts = {
    'model scoring alone (`model.score`)': (t) => model.score(t),
    'rule layer, public API (`createRuleScorer().find`)': (t) => rules.find(t),
    'rules only (`createLocalScorer({ model: false })`)': (t) => rulesOnly.score(t),
    'rules + model (`createLocalScorer({ model })`)': (t) => full.score(t),
    'full `analyze()` (PII + dox + rules + model)': (t) => analyze(t, { abuseScorer: full }),
  }
  const partsOut = {}
  console.log('| part | comments/s (1 core) | load average (1 min) |')
  console.log('| --- | ---: | ---: |')
  for (const [name, fn] of Object.entries(parts)) {
    const perSec = throughput(fn, texts)
    const load = loadavg()[0]
    partsOut[name] = { perSec, load }
    console.log(`| ${name} | ${Math.round(perSec).toLocaleString('en')} | ${load.toFixed(2)} |`)
  }
  console.log('')

  const contenders = {
    'comment-shield analyze() (model + rules)': {
      flag: (t) => analyze(t, { abuseScorer: full }).abuse.score >= 0.5,
      score: (t) => analyze(t, { abuseScorer: full }).abuse.score,
    },
    'comment-shield analyze() (rules only, widget)': {
      flag: (t) => analyze(t, { abuseScorer: rulesOnly }).abuse.score >= 0.5,
      score: (t) => analyze(t, { abuseScorer: rulesOnly }).abuse.score,
    },
    'obscenity 0.4.6 (english preset)': { flag: (t) => obscenity.hasMatch(t) },
    '@2toad/profanity 3.3.0': { flag: (t) => profanity.exists(t) },
    'glin-profanity 3.3.0 (allLanguages)': { flag: (t) => glin.isProfane(t) },
    'leo-profanity 1.9.0': { flag: (t) => leo.check(t) },
  }

  const results = {}
  const rowsOut = []
  for (const [name, c] of Object.entries(contenders)) {
    const perLang = {}
    for (const [lang, rows] of Object.entries(sets)) {
      const scores = c.score ? rows.map((r) => c.score(r.text)) : null
      const flagged = scores ? scores.map((s) => s >= 0.5) : rows.map((r) => c.flag(r.text))
      perLang[lang] = quality(flagged, scores, rows)
    }
    const perSec = throughput(c.score ?? c.flag, texts)
    results[name] = { perSec, ...perLang }
    rowsOut.push(
      `| ${name} | ${Math.round(perSec).toLocaleString('en')} | ${pct(perLang.zh.detection)} / ${pct(perLang.zh.falsePositive)} | ${perLang.zh.accuracy.toFixed(3)} | ${pct(perLang.en.detection)} / ${pct(perLang.en.falsePositive)} | ${perLang.en.macroF1.toFixed(3)} |`,
    )
  }
  console.log(
    `Model load ${modelLoadMs.toFixed(1)} ms. Corpus: COLD dev (${sets.zh.length}) + TweetEval offensive val (${sets.en.length}); flagged = score ≥ 0.5.\n`,
  )
  console.log(
    '| scorer | comments/s (1 core) | zh detection / false positives | zh accuracy | en detection / false positives | en macro-F1 |',
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
  for (const r of rowsOut) console.log(r)

  return { modelLoadMs, results, parts: partsOut }
}

const pct = (x) => `${(x * 100).toFixed(1)}%`
