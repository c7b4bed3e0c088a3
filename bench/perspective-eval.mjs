// Quality of the Perspective-compatible attributes on the labelled dev/val splits (never used for training):
// TOXICITY ≥ 0.5 against COLD dev (zh) and TweetEval offensive val (en) labels, through core's analyzeComment
// with the learned model loaded, exactly as `POST …/v1alpha1/comments:analyze` answers.
// Usage (after `npm run build`): node bench/perspective-eval.mjs [--data ../shared/datasets] [--threshold 0.5]
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { analyzeComment, loadAbuseModel } from '@comment-shield/core'

const args = process.argv.slice(2)
const opt = (name, def) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : def)
const data = resolve(opt('data', new URL('../../shared/datasets', import.meta.url).pathname))
const threshold = Number(opt('threshold', 0.5))

await loadAbuseModel()
const rows = []
for (const [file, language] of [
  ['cold_dev.jsonl', 'zh'],
  ['tweeteval_offensive_val.jsonl', 'en'],
]) {
  const lines = readFileSync(resolve(data, file), 'utf8').trim().split('\n')
  let tp = 0
  let fp = 0
  let tn = 0
  let fn = 0
  for (const line of lines) {
    const { text, label } = JSON.parse(line)
    const res = await analyzeComment({
      comment: { text },
      requestedAttributes: { TOXICITY: {} },
      languages: [language],
    })
    const flagged = res.attributeScores.TOXICITY.summaryScore.value >= threshold
    const offensive = Number(label) === 1
    if (flagged && offensive) tp++
    else if (flagged) fp++
    else if (offensive) fn++
    else tn++
  }
  const f1 = (hit, wrong, missed) => (2 * hit) / (2 * hit + wrong + missed)
  rows.push({
    split: file.replace('.jsonl', ''),
    rows: lines.length,
    accuracy: ((tp + tn) / lines.length).toFixed(3),
    precision: (tp / (tp + fp)).toFixed(3),
    recall: (tp / (tp + fn)).toFixed(3),
    'macro-F1': ((f1(tp, fp, fn) + f1(tn, fn, fp)) / 2).toFixed(3),
  })
}
console.log(`TOXICITY ≥ ${threshold}`)
console.table(rows)
