/**
 * `comment-shield eval <file.jsonl>`: measures the local abuse scorer on a labelled file, so sites can
 * calibrate thresholds on their own data.
 *
 * @module
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { ABUSE_CATEGORIES, analyze, createLocalScorer, loadAbuseModel } from '@comment-shield/core'
import type { AbuseCategory } from '@comment-shield/core'
import { flagValue } from './io.ts'
import type { CliCommand } from './io.ts'

interface Row {
  score: number
  label: 0 | 1
  category?: string
  categories: Record<AbuseCategory, number>
}

/** Confusion-matrix figures at one threshold. */
export interface BinaryMetrics {
  threshold: number
  accuracy: number
  precision: number
  recall: number
  f1: number
  macroF1: number
}

/**
 * Accuracy, precision, recall, F1 (class 1) and macro-F1 at a threshold.
 *
 * @param scores - predicted probabilities
 * @param labels - 0/1 labels
 * @param threshold - scores at or above it count as positive
 * @returns the metrics
 */
export function binaryMetrics(
  scores: readonly number[],
  labels: readonly number[],
  threshold: number,
): BinaryMetrics {
  let tp = 0
  let fp = 0
  let fn = 0
  let tn = 0
  for (let i = 0; i < scores.length; i++) {
    const p = scores[i]! >= threshold
    if (p && labels[i]) tp++
    else if (p) fp++
    else if (labels[i]) fn++
    else tn++
  }
  const f1 = (a: number, b: number, c: number): number => (a === 0 ? 0 : (2 * a) / (2 * a + b + c))
  return {
    threshold,
    accuracy: scores.length ? (tp + tn) / scores.length : 0,
    precision: tp + fp ? tp / (tp + fp) : 0,
    recall: tp + fn ? tp / (tp + fn) : 0,
    f1: f1(tp, fp, fn),
    macroF1: (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2,
  }
}

/**
 * ROC-AUC by the rank-sum (Mann–Whitney U) formula, ties averaged; NaN with only one class.
 *
 * @param scores - predicted probabilities
 * @param labels - 0/1 labels
 * @returns the area under the ROC curve
 */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!)
  let rankSum = 0
  let pos = 0
  for (let i = 0; i < idx.length;) {
    let j = i
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++
    for (let k = i; k <= j; k++)
      if (labels[idx[k]!]) {
        rankSum += (i + j) / 2 + 1
        pos++
      }
    i = j + 1
  }
  const neg = scores.length - pos
  return pos === 0 || neg === 0 ? NaN : (rankSum - (pos * (pos + 1)) / 2) / (pos * neg)
}

const f = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(3))

/**
 * What a label 1 means in the evaluated file.
 * - `abusive` (default): abuse aimed at someone — compared with `abuse.score`, which leaves profanity out.
 * - `offensive`: OLID/OffensEval-style labels, where untargeted profanity ("this is fucking great") counts as
 *   offensive too — compared with `max(abuse.score, abuse.categories.profanity)`.
 */
export type EvalTarget = 'abusive' | 'offensive'

const TARGETS: readonly EvalTarget[] = ['abusive', 'offensive']

/**
 * The score an evaluation target compares with the labels.
 *
 * @param abuse - the abuse part of a verdict
 * @param target - what a label 1 means
 * @returns the score in `[0, 1]`
 */
export function targetScore(
  abuse: { score: number; categories: Record<AbuseCategory, number> },
  target: EvalTarget,
): number {
  return target === 'offensive' ? Math.max(abuse.score, abuse.categories.profanity) : abuse.score
}

export const evalCommand: CliCommand = {
  summary: 'measure the abuse scorer on labelled {"text","label","category"?} JSON lines',
  help: `Usage: comment-shield eval <file.jsonl|-> [--threshold 0.5] [--target abusive|offensive] [--rules-only] [--json]

Reads lines of {"text", "label": 0|1, "category"?} and prints accuracy, precision, recall, F1, macro-F1 and
ROC-AUC of the overall abuse score, a threshold sweep, and per-category figures (rows whose "category" names an
abuse category: their detection rate and the mean probability of that category).
--target abusive (default) compares labels with abuse.score, which leaves untargeted profanity out;
--target offensive compares them with max(abuse.score, profanity), for OLID/OffensEval-style "offensive" labels
that count profanity as offensive.
--rules-only scores without the learned model (as the light widget build does). --json prints one JSON object.
`,
  async run(args, io) {
    const file = args.find(
      (a, i) => !a.startsWith('--') && args[i - 1] !== '--threshold' && args[i - 1] !== '--target',
    )
    if (!file) {
      io.stderr.write('comment-shield: eval needs a file (or - for stdin)\n')
      return 2
    }
    const threshold = Number(flagValue(args, '--threshold') ?? 0.5)
    if (!(threshold >= 0 && threshold <= 1)) {
      io.stderr.write('comment-shield: --threshold must be between 0 and 1\n')
      return 2
    }
    const target = (flagValue(args, '--target') ?? 'abusive') as EvalTarget
    if (!TARGETS.includes(target)) {
      io.stderr.write('comment-shield: --target must be abusive or offensive\n')
      return 2
    }
    const rulesOnly = args.includes('--rules-only')
    const scorer = rulesOnly
      ? createLocalScorer({ model: false })
      : createLocalScorer({ model: await loadAbuseModel() })
    const input = file === '-' ? io.stdin : createReadStream(file)
    const rows: Row[] = []
    let lineNo = 0
    let failed = false
    try {
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        lineNo++
        if (line.trim() === '') continue
        let row: { text?: unknown; label?: unknown; category?: unknown }
        try {
          row = JSON.parse(line) as typeof row
        } catch {
          row = {}
        }
        const label = row.label === true ? 1 : row.label === false ? 0 : row.label
        if (typeof row.text !== 'string' || (label !== 0 && label !== 1)) {
          io.stderr.write(`comment-shield: line ${lineNo}: need {"text": string, "label": 0|1}\n`)
          failed = true
          continue
        }
        const abuse = analyze(row.text, { abuseScorer: scorer }).abuse
        rows.push({
          score: targetScore(abuse, target),
          label,
          categories: abuse.categories,
          ...(typeof row.category === 'string' ? { category: row.category } : {}),
        })
      }
    } catch (error) {
      io.stderr.write(`comment-shield: cannot read ${file}: ${(error as Error).message}\n`)
      return 1
    }
    const scores = rows.map((r) => r.score)
    const labels = rows.map((r) => r.label)
    const at = binaryMetrics(scores, labels, threshold)
    const sweep = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((t) => binaryMetrics(scores, labels, t))
    const perCategory = ABUSE_CATEGORIES.map((c) => {
      const mine = rows.filter((r) => r.category === c)
      return {
        category: c,
        rows: mine.length,
        detected: mine.length ? mine.filter((r) => r.score >= threshold).length / mine.length : NaN,
        meanProbability: mine.length ? mine.reduce((s, r) => s + r.categories[c], 0) / mine.length : NaN,
      }
    }).filter((c) => c.rows > 0)
    const report = {
      rows: rows.length,
      scorer: rulesOnly ? 'rules' : 'model+rules',
      target,
      ...at,
      rocAuc: rocAuc(scores, labels),
      sweep,
      perCategory,
    }
    if (args.includes('--json')) io.stdout.write(`${JSON.stringify(report)}\n`)
    else {
      io.stdout.write(
        `rows ${report.rows} (${report.scorer}), target ${target}, threshold ${threshold}\n` +
          `accuracy ${f(at.accuracy)}  precision ${f(at.precision)}  recall ${f(at.recall)}  F1 ${f(at.f1)}  ` +
          `macro-F1 ${f(at.macroF1)}  ROC-AUC ${f(report.rocAuc)}\n\n` +
          `threshold  accuracy  precision  recall  F1     macro-F1\n` +
          sweep
            .map(
              (m) =>
                `${m.threshold.toFixed(1).padEnd(9)}  ${f(m.accuracy).padEnd(8)}  ${f(m.precision).padEnd(9)}  ${f(m.recall).padEnd(6)}  ${f(m.f1).padEnd(5)}  ${f(m.macroF1)}`,
            )
            .join('\n') +
          '\n' +
          (perCategory.length
            ? `\ncategory           rows  detected  mean p\n${perCategory
                .map(
                  (c) =>
                    `${c.category.padEnd(17)}  ${String(c.rows).padEnd(4)}  ${f(c.detected).padEnd(8)}  ${f(c.meanProbability)}`,
                )
                .join('\n')}\n`
            : ''),
      )
    }
    return failed ? 1 : 0
  },
}
