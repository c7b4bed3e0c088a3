/**
 * The two significance tests of the pile-on detector. Hand-written because they are ten lines each and the
 * npm statistics packages weigh 100× more than the widget budget allows for them.
 *
 * @module
 */

// Lanczos approximation of ln Γ (g = 7, n = 9; Numerical Recipes' coefficients), accurate to ~1e-15.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
]

/**
 * ln Γ(x) for x > 0.
 *
 * @internal
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let a = LANCZOS[0]!
  const t = z + 7.5
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i)
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

/**
 * P(X ≥ k) for X ~ Poisson(λ): how surprising `k` hostile comments are when `λ` are expected.
 * Returns 1 when `k ≤ λ` (never significant); sums the upper tail directly otherwise, so tiny p-values keep
 * their precision instead of drowning in `1 - CDF`.
 *
 * @internal
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= lambda || k <= 0) return 1
  if (lambda <= 0) return 0
  let term = Math.exp(-lambda + k * Math.log(lambda) - logGamma(k + 1))
  let sum = term
  // Terms fall at least geometrically once j > λ; 1 000 terms bound the loop for any input.
  for (let j = k + 1; j < k + 1_000; j++) {
    term *= lambda / j
    sum += term
    if (term < sum * 1e-12) break
  }
  return Math.min(1, sum)
}

/**
 * One-sided z-score of observing `k` successes in `n` trials when the rate is `p0` (normal approximation to
 * the binomial). 0 when `n` is 0.
 *
 * @internal
 */
export function proportionZ(k: number, n: number, p0: number): number {
  if (n <= 0) return 0
  return (k - n * p0) / Math.sqrt(n * p0 * (1 - p0))
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p): how surprising `k` hostile comments out of `n` are when the usual hostile
 * share is `p`. Exact (the normal approximation overstates significance on the small samples of small
 * blogs). Returns 1 when `k ≤ n·p`.
 *
 * @internal
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= n * p || k <= 0) return 1
  if (k > n || p <= 0) return 0
  if (p >= 1) return 1
  const q = 1 - p
  let term = Math.exp(
    logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(q),
  )
  let sum = term
  const ratio = p / q
  // Above the mean the terms fall at least geometrically; 1 000 terms bound the loop for any input.
  for (let j = k; j < n && j < k + 1_000; j++) {
    term *= ((n - j) / (j + 1)) * ratio
    sum += term
    if (term < sum * 1e-12) break
  }
  return Math.min(1, sum)
}
