/**
 * `comment-shield scan`: moderates an exported comment dump (JSONL or CSV) offline, runs the pile-on
 * detector over it in time order, and writes decisions (JSONL) and a self-contained HTML report with a
 * timeline per target that marks pile-on episodes and water-army clusters.
 *
 * @module
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { stat, writeFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import {
  analyze,
  createMemoryStore,
  createPileOnDetector,
  decide,
  loadAbuseModel,
} from '@comment-shield/core'
import type { PileOnLevel, PileOnReason } from '@comment-shield/core'
import { escapeHtml } from '../evidence/html.ts'
import { flagValue } from './io.ts'
import type { CliCommand, CliIo } from './io.ts'

/** One row of a scan's decisions JSONL. */
export interface ScanDecision {
  line: number
  id?: string
  targetId: string
  authorId: string
  at: string
  action: string
  reasons: string[]
  categories: string[]
  abuseScore: number
  level: PileOnLevel
  levelReasons: PileOnReason[]
}

const MAX_ROWS_PER_TARGET = 2000
const MAX_TARGETS_IN_REPORT = 200

export const scanCommand: CliCommand = {
  summary: 'moderate a comment dump (JSONL or CSV); write decisions and an HTML report',
  help: `Usage: comment-shield scan FILE [--format jsonl|csv] [--out decisions.jsonl] [--report report.html]

Reads comments from FILE (one JSON object per line, or CSV with a header row) with the fields
  text (required), id, author, target, at (ISO 8601 or epoch ms), accountAgeDays
(aliases: authorId, targetId, thread, created_at). Rows should be in time order: each row's "at" is the clock
of the pile-on detector. Writes one decision per row as JSONL (to --out, else stdout) and, with --report, a
self-contained HTML report with a timeline per target marking pile-on episodes and water-army clusters.
A progress bar is drawn on stderr.
  --format F      jsonl or csv (default: from the file extension)
  --out FILE      decisions JSONL (default stdout)
  --report FILE   HTML report
Exit codes: 0 done, 1 some rows were bad (reported on stderr with their line number) or FILE unreadable,
2 usage error.
`,
  async run(args, io) {
    const file = args.find(
      (a, i) => !a.startsWith('--') && !['--format', '--out', '--report'].includes(args[i - 1] ?? ''),
    )
    if (!file) {
      io.stderr.write('comment-shield: scan needs a FILE\n')
      return 2
    }
    const format = flagValue(args, '--format') ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl')
    if (format !== 'jsonl' && format !== 'csv') {
      io.stderr.write(`comment-shield: --format must be jsonl or csv; got ${format}\n`)
      return 2
    }
    // Score with the learned model as well as the rules (the model is imported lazily; ~15 ms).
    await loadAbuseModel()
    let size: number
    try {
      size = (await stat(file)).size
    } catch (error) {
      io.stderr.write(`comment-shield: cannot read ${file}: ${(error as Error).message}\n`)
      return 1
    }
    const outPath = flagValue(args, '--out')
    const reportPath = flagValue(args, '--report')
    const out = outPath ? createWriteStream(outPath) : io.stdout
    let clock = 0
    const store = createMemoryStore({ now: () => clock })
    const detector = createPileOnDetector({ store, now: () => clock })
    const timelines = new Map<string, ScanDecision[]>()
    const counts: Record<string, number> = {}
    let failed = false
    let rows = 0
    const input = createReadStream(file)
    const progress = createProgress(io, size, () => input.bytesRead)

    for await (const { line, row } of readRows(input, format)) {
      const bad = (why: string): void => {
        io.stderr.write(`\ncomment-shield: line ${line}: ${why}\n`)
        failed = true
      }
      if (row === undefined) {
        bad('not valid JSON')
        continue
      }
      const text = row.text
      if (typeof text !== 'string') {
        bad('"text" must be a string')
        continue
      }
      const atRaw = row.at ?? row.created_at
      const at =
        atRaw === undefined || atRaw === ''
          ? clock
          : typeof atRaw === 'number'
            ? atRaw
            : typeof atRaw !== 'string'
              ? NaN
              : /^\d+$/.test(atRaw)
                ? Number(atRaw)
                : Date.parse(atRaw)
      if (!Number.isFinite(at)) {
        bad('"at" is not a time')
        continue
      }
      clock = Math.max(clock, at)
      const verdict = analyze(text)
      const decision = decide(verdict)
      const targetId = str(row.target ?? row.targetId ?? row.thread) ?? '(none)'
      const authorId = str(row.author ?? row.authorId) ?? 'anonymous'
      const age = Number(row.accountAgeDays)
      const status = await detector.ingest({
        targetId,
        authorId,
        at: clock,
        abuseScore: verdict.abuse.score,
        text,
        authorAccountAgeDays:
          row.accountAgeDays === undefined || row.accountAgeDays === '' || !Number.isFinite(age)
            ? undefined
            : age,
      })
      const result: ScanDecision = {
        line,
        ...(str(row.id) === undefined ? {} : { id: str(row.id) }),
        targetId,
        authorId,
        at: new Date(clock).toISOString(),
        action: decision.action,
        reasons: decision.reasons,
        categories: decision.categories,
        abuseScore: Math.round(verdict.abuse.score * 1000) / 1000,
        level: status.level,
        levelReasons: status.reasons,
      }
      out.write(`${JSON.stringify(result)}\n`)
      counts[decision.action] = (counts[decision.action] ?? 0) + 1
      rows++
      if (reportPath) {
        let list = timelines.get(targetId)
        if (!list && timelines.size < 10_000) timelines.set(targetId, (list = []))
        if (list && list.length < MAX_ROWS_PER_TARGET) list.push(result)
      }
      progress.tick(rows)
    }
    progress.done(rows)
    if (outPath) await new Promise<void>((r) => (out as NodeJS.WritableStream).end(r))
    if (reportPath) await writeFile(reportPath, renderScanReport(file, rows, counts, timelines))
    io.stderr.write(
      `comment-shield: scanned ${rows} comments: ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}\n`,
    )
    return failed ? 1 : 0
  },
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined
}

async function* readRows(
  input: Readable,
  format: 'jsonl' | 'csv',
): AsyncGenerator<{ line: number; row: Record<string, unknown> | undefined }> {
  if (format === 'csv') {
    const parser = input.pipe(
      parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true }),
    )
    for await (const rec of parser as AsyncIterable<{
      record: Record<string, string>
      info: { lines: number }
    }>) {
      yield { line: rec.info.lines, row: rec.record }
    }
    return
  }
  let line = 0
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++
    if (text.trim() === '') continue
    let row: unknown
    try {
      row = JSON.parse(text)
    } catch {
      row = undefined
    }
    yield {
      line,
      row:
        typeof row === 'object' && row !== null && !Array.isArray(row)
          ? (row as Record<string, unknown>)
          : undefined,
    }
  }
}

function createProgress(
  io: CliIo,
  total: number,
  read: () => number,
): { tick(n: number): void; done(n: number): void } {
  const width = 30
  let last = -1
  const draw = (n: number, fraction: number): void => {
    const filled = Math.round(fraction * width)
    io.stderr.write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${n} comments`,
    )
  }
  return {
    tick(n) {
      const fraction = total > 0 ? Math.min(1, read() / total) : 1
      const pct = Math.floor(fraction * 100)
      if (pct !== last || n % 1000 === 0) {
        last = pct
        draw(n, fraction)
      }
    },
    done(n) {
      draw(n, 1)
      io.stderr.write('\n')
    },
  }
}

/** Contiguous runs of non-calm levels in a target's timeline. */
function episodes(
  rows: ScanDecision[],
): Array<{ from: string; to: string; peak: PileOnLevel; reasons: Set<string>; comments: number }> {
  const out: Array<{ from: string; to: string; peak: PileOnLevel; reasons: Set<string>; comments: number }> =
    []
  let cur: (typeof out)[number] | undefined
  for (const r of rows) {
    if (r.level === 'calm') {
      cur = undefined
      continue
    }
    if (!cur) out.push((cur = { from: r.at, to: r.at, peak: r.level, reasons: new Set(), comments: 0 }))
    cur.to = r.at
    cur.comments++
    if (r.level === 'pile_on') cur.peak = 'pile_on'
    for (const reason of r.levelReasons) cur.reasons.add(reason)
  }
  return out
}

function renderScanReport(
  file: string,
  rows: number,
  counts: Record<string, number>,
  timelines: Map<string, ScanDecision[]>,
): string {
  const ranked = [...timelines.entries()]
    .map(([target, list]) => ({
      target,
      list,
      eps: episodes(list),
      flagged: list.filter((r) => r.action !== 'allow').length,
    }))
    .sort((a, b) => b.eps.length - a.eps.length || b.flagged - a.flagged)
    .slice(0, MAX_TARGETS_IN_REPORT)
  const sections = ranked
    .map(({ target, list, eps }) => {
      const epList = eps.length
        ? `<ul>${eps
            .map(
              (e) =>
                `<li class="${e.peak}">${e.peak === 'pile_on' ? '群体围攻 · pile-on' : '异常升温 · elevated'}: ${escapeHtml(e.from)} → ${escapeHtml(e.to)}, ${e.comments} 条 · comments${e.reasons.has('water_army') ? ' — <strong>水军集群 · water-army cluster</strong>' : ''} (${escapeHtml([...e.reasons].join(', '))})</li>`,
            )
            .join('')}</ul>`
        : '<p>无异常 · no episodes</p>'
      const trs = list
        .map(
          (r) =>
            `<tr class="${r.level}${r.levelReasons.includes('water_army') ? ' water' : ''}"><td>${escapeHtml(r.at)}</td><td>${escapeHtml(r.authorId)}</td><td>${escapeHtml(r.action)}</td><td>${r.abuseScore}</td><td>${r.level}${r.levelReasons.length ? ` (${escapeHtml(r.levelReasons.join(', '))})` : ''}</td><td>${escapeHtml(r.categories.join(', '))}</td></tr>`,
        )
        .join('')
      return `<section><h2>${escapeHtml(target)}</h2>${epList}<details><summary>时间线 · timeline (${list.length})</summary><table><thead><tr><th>时间 · time</th><th>作者 · author</th><th>处理 · action</th><th>辱骂分 · abuse</th><th>态势 · level</th><th>类别 · categories</th></tr></thead><tbody>${trs}</tbody></table></details></section>`
    })
    .join('\n')
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>评论扫描报告 · Comment scan report</title>
<style>
body{font:14px/1.5 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em;color:#111}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.25em .4em;text-align:left}
tr.elevated td{background:#fff4d6}tr.pile_on td{background:#fde0dc}tr.water td:first-child{border-left:4px solid #7b1fa2}
li.pile_on{color:#a00}section{margin:1.5em 0}
</style></head>
<body>
<h1>评论扫描报告 · Comment scan report</h1>
<p>文件 · File: <code>${escapeHtml(file)}</code> — ${rows} 条评论 · comments; ${escapeHtml(
    Object.entries(counts)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', '),
  )}</p>
<p>红色 = 群体围攻，黄色 = 异常升温，紫色边 = 水军集群。Red = pile-on, yellow = elevated, purple edge = water-army cluster.
Targets shown: ${ranked.length} (most episodes first).</p>
${sections}
</body></html>
`
}
