// Pile-on detection: a seeded stream simulator (organic threads, viral-but-friendly threads, hostile pile-ons,
// water-army bursts with paraphrases) → recall, median time-to-detect in simulated minutes, false alarms; then
// ingest throughput on one core and memory under 1M distinct targets. Runs against the built dist/.
import v8 from 'node:v8'
import vm from 'node:vm'
import { createMemoryStore, createPileOnDetector } from '@comment-shield/core'
import { createRandom } from '../corpus.mjs'

export const title = 'Pile-on detection'

const MIN = 60_000
const HOUR = 60 * MIN
const T0 = Date.UTC(2026, 10, 1)

const HAN =
  '的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感'
const EN =
  'the a to and of is in that it for you was on are with as be this have not but at they so what all about just like out if up do one get think people really good would know can time more right because'.split(
    ' ',
  )
const HOSTILE_ZH = ['滚', '废物', '去死', '垃圾', '恶心', '闭嘴', '骗子', '蠢货']
const HOSTILE_EN = ['idiot', 'trash', 'liar', 'disgusting', 'loser', 'clown', 'pathetic', 'shut up']

function pick(r, list) {
  return list[Math.floor(r() * list.length)]
}

function chatter(r, hostile) {
  if (r() < 0.5) {
    let s = ''
    const n = 8 + Math.floor(r() * 16)
    for (let i = 0; i < n; i++) s += HAN[Math.floor(r() * HAN.length)]
    return hostile ? s.slice(0, n / 2) + pick(r, HOSTILE_ZH) + s.slice(n / 2) : s
  }
  const words = []
  const n = 5 + Math.floor(r() * 10)
  for (let i = 0; i < n; i++) words.push(pick(r, EN))
  if (hostile) words.splice(Math.floor(r() * n), 0, pick(r, HOSTILE_EN))
  return words.join(' ')
}

/** A water-army paraphrase: 0–2 character edits plus cosmetic noise (emoji, punctuation, spacing, full-width). */
function paraphrase(r, template) {
  const chars = [...template]
  const edits = r() < 0.25 ? 0 : r() < 0.67 ? 1 : 2
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(r() * chars.length)
    const op = r()
    if (op < 0.4) chars[i] = HAN[Math.floor(r() * HAN.length)]
    else if (op < 0.7) chars.splice(i, 0, HAN[Math.floor(r() * HAN.length)])
    else chars.splice(i, 1)
  }
  let s = chars.join('')
  const noise = r()
  if (noise < 0.25) s = s + pick(r, ['！！', '😡', '👎👎', '…', '?!'])
  else if (noise < 0.5) s = [...s].join(' ')
  else if (noise < 0.6) s = s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
  return s
}

/** Poisson arrivals at `ratePerMin` between `from` and `to`. */
function arrivals(r, ratePerMin, from, to) {
  const out = []
  let t = from
  for (;;) {
    t += (-Math.log(1 - r()) / ratePerMin) * MIN
    if (t >= to) return out
    out.push(t)
  }
}

/** Organic traffic for one target: a rate (comments/min), a hostile share, a pool of regulars. */
function organic(r, targetId, from, to, rate, hostileShare) {
  return arrivals(r, rate, from, to).map((at) => {
    const hostile = r() < hostileShare
    return {
      targetId,
      authorId: `reg${Math.floor(r() * Math.max(30, rate * 200))}`,
      authorAccountAgeDays: 30 + Math.floor(r() * 2000),
      authorFollowsTarget: r() < 0.6,
      at,
      abuseScore: hostile ? 0.5 + r() * 0.5 : r() * 0.3,
      text: chatter(r, hostile),
    }
  })
}

function scenario(kind, i, r) {
  const targetId = `${kind}-${i}`
  const rate = 0.05 * Math.exp(r() * Math.log(100)) // 0.05 … 5 comments/min: small blogs to celebrities
  const hostileShare = 0.02 + r() * 0.08
  const start = T0 + 12 * HOUR // half a day of history first
  const events = organic(r, targetId, T0, start + 3 * HOUR, rate, hostileShare)
  let attackAt
  if (kind === 'viral') {
    // 20–100× the usual volume for two hours, mostly strangers and new accounts, same hostile share.
    const boost = 20 + r() * 80
    for (const at of arrivals(r, rate * boost, start, start + 2 * HOUR)) {
      const hostile = r() < hostileShare
      events.push({
        targetId,
        authorId: `fan${Math.floor(r() * 1e9)}`,
        authorAccountAgeDays: r() < 0.5 ? Math.floor(r() * 7) : 400,
        authorFollowsTarget: r() < 0.1,
        at,
        abuseScore: hostile ? 0.5 + r() * 0.5 : r() * 0.3,
        text:
          !hostile && r() < 0.3
            ? pick(r, ['恭喜恭喜！太棒了', 'congrats!! well deserved', '支持你，加油'])
            : chatter(r, hostile),
      })
    }
  } else if (kind === 'pile_on') {
    // 30–300 attackers over two hours, the rate ramping up; 30–80% new accounts, mostly non-followers.
    attackAt = start
    const attackers = 30 + Math.floor(r() * 270)
    const newShare = 0.3 + r() * 0.5
    for (let a = 0; a < attackers; a++) {
      const at = start + Math.sqrt(r()) * 2 * HOUR
      events.push({
        targetId,
        authorId: `att${i}-${a}`,
        authorAccountAgeDays: r() < newShare ? Math.floor(r() * 7) : 100 + Math.floor(r() * 1000),
        authorFollowsTarget: r() < 0.1,
        at,
        abuseScore: 0.55 + r() * 0.45,
        text: chatter(r, true),
      })
    }
  } else if (kind === 'water_army') {
    // 10–30 accounts posting paraphrases of 1–2 templates within 10–20 minutes; scores are mild (0.3–0.7).
    attackAt = start
    const templates = Array.from({ length: 1 + Math.floor(r() * 2) }, () => {
      let s = ''
      for (let k = 0; k < 16 + Math.floor(r() * 12); k++) s += HAN[Math.floor(r() * HAN.length)]
      return s
    })
    const accounts = 10 + Math.floor(r() * 21)
    const span = (10 + r() * 10) * MIN
    for (let a = 0; a < accounts; a++) {
      events.push({
        targetId,
        authorId: `wa${i}-${a}`,
        authorAccountAgeDays: Math.floor(r() * 30),
        authorFollowsTarget: false,
        at: start + r() * span,
        abuseScore: 0.3 + r() * 0.4,
        text: paraphrase(r, templates[a % templates.length]),
      })
    }
  }
  events.sort((a, b) => a.at - b.at)
  return { kind, targetId, events, attackAt }
}

function median(values) {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function quantile(values, q) {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

export function simulate(seed, counts = { organic: 200, viral: 100, pile_on: 100, water_army: 100 }) {
  const r = createRandom(seed)
  const results = []
  let t = T0
  const store = createMemoryStore({ now: () => t })
  const detector = createPileOnDetector({ store, now: () => t })
  let events = 0
  for (const [kind, n] of Object.entries(counts)) {
    for (let i = 0; i < n; i++) {
      const sc = scenario(kind, i, r)
      let firstElevated
      let firstPileOn
      let firstWaterArmy
      for (const e of sc.events) {
        t = e.at
        const status = detector.ingest(e)
        events++
        if (status.level !== 'calm' && firstElevated === undefined) firstElevated = e.at
        if (status.level === 'pile_on' && firstPileOn === undefined) firstPileOn = e.at
        if (status.reasons.includes('water_army') && firstWaterArmy === undefined) firstWaterArmy = e.at
      }
      results.push({ kind, attackAt: sc.attackAt, firstElevated, firstPileOn, firstWaterArmy })
    }
  }
  const by = (kind) => results.filter((x) => x.kind === kind)
  const minutes = (x, field) => (x[field] - x.attackAt) / MIN
  const rows = []
  const pileOns = by('pile_on')
  const detected = pileOns.filter((x) => x.firstPileOn !== undefined && x.firstPileOn >= x.attackAt)
  const ttd = detected.map((x) => minutes(x, 'firstPileOn'))
  const ttdElevated = pileOns
    .filter((x) => x.firstElevated >= x.attackAt)
    .map((x) => minutes(x, 'firstElevated'))
  rows.push({
    scenario: 'hostile pile-on (30–300 attackers / 2 h)',
    targets: pileOns.length,
    'recall (pile_on)': (detected.length / pileOns.length).toFixed(3),
    'median TTD pile_on (sim. min)': median(ttd).toFixed(1),
    'p90 TTD (sim. min)': quantile(ttd, 0.9).toFixed(1),
    'median TTD elevated (sim. min)': median(ttdElevated).toFixed(1),
  })
  const armies = by('water_army')
  const caught = armies.filter((x) => x.firstWaterArmy !== undefined)
  const ttdArmy = caught.map((x) => minutes(x, 'firstWaterArmy'))
  rows.push({
    scenario: 'water army (10–30 accounts, 1–2 templates, paraphrases)',
    targets: armies.length,
    'recall (water_army)': (caught.length / armies.length).toFixed(3),
    'median TTD water_army (sim. min)': median(ttdArmy).toFixed(1),
    'p90 TTD (sim. min)': quantile(ttdArmy, 0.9).toFixed(1),
  })
  for (const kind of ['viral', 'organic']) {
    const xs = by(kind)
    rows.push({
      scenario: kind === 'viral' ? 'viral but friendly (20–100× volume)' : 'organic',
      targets: xs.length,
      'false alarms elevated': xs.filter((x) => x.firstElevated !== undefined).length,
      'false alarms pile_on': xs.filter((x) => x.firstPileOn !== undefined).length,
    })
  }
  return { rows, events }
}

function throughput(label, make, count) {
  let t = T0
  const store = createMemoryStore({ now: () => t })
  const detector = createPileOnDetector({ store, now: () => t })
  const events = make(count)
  const span = events[count - 1].at - events[0].at + 1
  // Three passes over the same events (time shifted forward each pass); the first also warms the JIT up.
  let best = 0
  for (let pass = 0; pass < 3; pass++) {
    const shift = pass * span
    const started = process.hrtime.bigint()
    for (let i = 0; i < count; i++) {
      const e = events[i]
      t = e.at + shift
      e.at = t
      detector.record(e)
    }
    best = Math.max(best, count / (Number(process.hrtime.bigint() - started) / 1e9))
  }
  return { stream: label, events: count, 'events/s (best of 3 passes)': Math.round(best) }
}

function gc() {
  v8.setFlagsFromString('--expose-gc')
  const collect = vm.runInNewContext('gc')
  collect()
  collect()
}

function memory(targets, maxKeys) {
  gc()
  const before = process.memoryUsage().heapUsed
  let t = T0
  const store = createMemoryStore({ now: () => t, maxKeys })
  const detector = createPileOnDetector({ store, now: () => t })
  for (let i = 0; i < targets; i++) {
    t += 1
    detector.ingest({ targetId: `t${i}`, authorId: `a${i % 5000}`, abuseScore: i % 20 === 0 ? 0.9 : 0.1 })
  }
  gc()
  const after = process.memoryUsage().heapUsed
  return {
    'distinct targets': targets,
    maxKeys,
    'keys held': store.size,
    'heap growth (MB)': ((after - before) / 1048576).toFixed(1),
    'bytes per held target': Math.round((after - before) / store.size),
  }
}

export async function run() {
  // Throughput first, on a fresh heap: the simulator below leaves a large one behind.
  const r = createRandom(7)
  const targets = 10_000
  const signals = (n) => {
    const out = new Array(n)
    for (let i = 0; i < n; i++)
      out[i] = {
        targetId: `t${Math.floor(r() * targets)}`,
        authorId: `a${Math.floor(r() * 1e6)}`,
        at: T0 + i * 10,
        abuseScore: r() < 0.05 ? 0.8 : 0.1,
      }
    return out
  }
  const texts = Array.from({ length: 512 }, (_, i) => chatter(r, i % 2 === 0))
  const mixed = (n) => {
    const out = signals(n)
    // 5% of comments are hostile and carry text: those are sketched for near-duplicates.
    for (const e of out) if (e.abuseScore >= 0.3) e.text = texts[Math.floor(r() * texts.length)]
    return out
  }
  gc()
  const rates = [
    throughput('signals only (95% calm, 5% hostile, no text)', signals, 1_000_000),
    throughput('with text (5% hostile comments sketched)', mixed, 1_000_000),
  ]
  console.log('Ingest throughput, in-memory store, one core (`record()`, 10 000 targets):\n')
  console.table(rates)

  const mem = [memory(1_000_000, 100_000)]
  console.log('\nMemory with 1M distinct targets (bounded store):\n')
  console.table(mem)

  const sim = simulate(20261122)
  console.log(`\nStream simulator (seed 20261122, ${sim.events.toLocaleString('en')} events):\n`)
  console.table(sim.rows)
  return { throughput: rates, memory: mem, simulator: sim.rows }
}
