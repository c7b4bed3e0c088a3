// Binary classification metrics shared by the trainer and the benchmark (plain JS, no dependencies).

/** Accuracy at a threshold. */
export function accuracy(p, y, t = 0.5) {
  let ok = 0
  for (let i = 0; i < p.length; i++) if ((p[i] >= t ? 1 : 0) === y[i]) ok++
  return ok / p.length
}

/** Unweighted mean of the F1 of class 1 and class 0 at a threshold. */
export function macroF1(p, y, t = 0.5) {
  let tp = 0
  let fp = 0
  let fn = 0
  let tn = 0
  for (let i = 0; i < p.length; i++) {
    const pred = p[i] >= t
    if (pred && y[i]) tp++
    else if (pred) fp++
    else if (y[i]) fn++
    else tn++
  }
  const f1 = (a, b, c) => (a === 0 ? 0 : (2 * a) / (2 * a + b + c))
  return (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2
}

/** ROC-AUC by the rank-sum (Mann–Whitney) formula, ties averaged. */
export function auc(p, y) {
  const idx = p.map((_, i) => i).sort((a, b) => p[a] - p[b])
  let rankSum = 0
  let pos = 0
  let i = 0
  while (i < idx.length) {
    let j = i
    while (j + 1 < idx.length && p[idx[j + 1]] === p[idx[i]]) j++
    const rank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) if (y[idx[k]]) ((rankSum += rank), pos++)
    i = j + 1
  }
  const neg = p.length - pos
  return pos === 0 || neg === 0 ? NaN : (rankSum - (pos * (pos + 1)) / 2) / (pos * neg)
}

/** The threshold (0.05 steps) with the best macro-F1. */
export function bestThreshold(p, y) {
  let best = { threshold: 0.5, macroF1: -1 }
  for (let t = 0.05; t < 0.96; t += 0.05) {
    const m = macroF1(p, y, t)
    if (m > best.macroF1) best = { threshold: +t.toFixed(2), macroF1: m }
  }
  return best
}
