// Walking-skeleton throughput: analyze + redact on a small fixed corpus.
import { Bench } from 'tinybench'
import { analyze, redact } from '@comment-shield/core'

export const title = 'analyze + redact (skeleton detectors)'

export async function run() {
  const corpus = [
    '写得真好，支持！',
    'call me on 13800138000 tonight',
    '邮箱 ann@example.com 有事联系',
    'nothing to see here',
  ]
  const bench = new Bench({ time: 500 })
  bench.add('analyze', () => {
    for (const t of corpus) analyze(t)
  })
  bench.add('redact', () => {
    for (const t of corpus) redact(t)
  })
  await bench.run()
  const rows = bench.tasks.map((t) => ({
    task: t.name,
    'comments/s': Math.round((t.result.throughput.mean ?? 0) * corpus.length),
  }))
  console.table(rows)
  return rows
}
