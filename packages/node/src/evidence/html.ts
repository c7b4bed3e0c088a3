/**
 * The printable, self-contained HTML page of an evidence bundle (no scripts, no external resources), in
 * Chinese and English side by side, for a victim to print or hand to the police.
 *
 * @module
 */
import type { EvidenceBundle, LedgerEntry } from './ledger.ts'
import { verifyBundle } from './ledger.ts'

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @param s - any text
 * @returns the escaped text
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const REASONS: Record<string, string> = {
  doxing: '人肉搜索 / 泄露个人信息 · doxing',
  threat: '威胁 · threat',
  threat_to_family: '威胁家人 · threat to family',
  insult: '辱骂 · insult',
  sexual_harassment: '性骚扰 · sexual harassment',
  incitement: '煽动 · incitement',
  pile_on: '群体围攻 · pile-on',
  spam_or_water_army: '水军 / 刷屏 · spam or water army',
  other: '其他 · other',
}

/**
 * Renders an evidence bundle as a printable HTML page.
 *
 * @param bundle - from `ledger.bundle(id)`
 * @returns a complete HTML document
 */
export function renderEvidenceHtml(bundle: EvidenceBundle): string {
  const check = verifyBundle(bundle)
  const items = bundle.entries.filter((e): e is LedgerEntry => 'record' in e)
  const rows = items
    .map((e) => {
      const r = e.record
      const what =
        r.kind === 'report'
          ? `举报 · report: ${escapeHtml(REASONS[r.reason ?? 'other'] ?? String(r.reason))}`
          : `评论 · comment${r.decision ? ` — ${escapeHtml(r.decision.action)} (${escapeHtml(r.decision.reasons.join(', '))})` : ''}`
      return `<tr>
<td>${e.seq}</td>
<td><time>${escapeHtml(r.recordedAt)}</time>${r.postedAt ? `<br><small>客户端时间 · client: ${escapeHtml(r.postedAt)}</small>` : ''}</td>
<td>${what}${r.signals?.length ? `<br><small>信号 · signals: ${escapeHtml(r.signals.join(', '))}</small>` : ''}</td>
<td>${r.authorId ? `作者 · author: ${escapeHtml(r.authorId)}<br>` : ''}${r.targetId ? `对象 · target: ${escapeHtml(r.targetId)}<br>` : ''}${r.reporterId ? `举报人 · reporter: ${escapeHtml(r.reporterId)}<br>` : ''}${r.commentId ? `评论编号 · comment id: ${escapeHtml(r.commentId)}<br>` : ''}${r.url ? `网址 · URL: ${escapeHtml(r.url)}` : ''}</td>
<td class="text">${escapeHtml(r.text)}${r.note ? `<br><small>备注 · note: ${escapeHtml(r.note)}</small>` : ''}</td>
<td class="hash">${escapeHtml(e.hash)}</td>
</tr>`
    })
    .join('\n')
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>证据材料 · Evidence — ${escapeHtml(bundle.subject)}</title>
<style>
body{font:14px/1.5 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em;color:#111}
h1{font-size:1.4em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.4em;vertical-align:top;text-align:left}
th{background:#eee}.text{white-space:pre-wrap;word-break:break-word}.hash{font:11px/1.3 ui-monospace,monospace;word-break:break-all;max-width:14em}
.ok{color:#075e20}.bad{color:#a00}@media print{body{margin:0}a{color:inherit}}
</style>
</head>
<body>
<h1>证据材料 · Evidence bundle</h1>
<p>对象 · Subject: <strong>${escapeHtml(bundle.subject)}</strong><br>
导出时间 · Exported: <time>${escapeHtml(bundle.exportedAt)}</time><br>
条目 · Items: ${items.length}<br>
完整性 · Integrity: ${check.ok ? '<strong class="ok">哈希链校验通过 · hash chain verified</strong>' : `<strong class="bad">校验失败 · verification FAILED: ${escapeHtml(check.problems.map((p) => p.message).join('; '))}</strong>`}</p>
<p>账本头 · Ledger head: seq ${bundle.head.seq}, <code class="hash">${escapeHtml(bundle.head.hash)}</code></p>
<table>
<thead><tr><th>#</th><th>时间 (UTC) · Time</th><th>类型 · Kind</th><th>相关方 · Parties</th><th>原文 · Text as posted</th><th>SHA-256</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p><small>每条记录的哈希值 = SHA-256(前一条哈希 + 序号 + 记录的规范化 JSON)，任何修改、删除、插入或重排都会使校验失败。
可用 <code>comment-shield evidence verify bundle.json</code> 离线校验对应的 JSON 文件。<br>
Each hash is SHA-256 over the previous hash, the sequence number and the record's canonical JSON; any edit, deletion,
insertion or reordering makes verification fail. Verify the matching JSON file offline with
<code>comment-shield evidence verify bundle.json</code>.</small></p>
</body>
</html>
`
}
