// `npm run bench`: runs every suite in bench/suites (or only those named on the command line) and prints
// Markdown tables; `--json out.json` also writes the raw figures. Benchmarks run against the built dist/ output.
import { readdirSync, writeFileSync } from 'node:fs'

const args = process.argv.slice(2)
const jsonAt = args.indexOf('--json')
const jsonPath = jsonAt >= 0 ? args[jsonAt + 1] : undefined
const only = args.filter((a, i) => !a.startsWith('--') && (jsonAt < 0 || i !== jsonAt + 1))
const suites = readdirSync(new URL('./suites/', import.meta.url))
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()

const results = {}
console.log(
  `# Comment Shield benchmarks\n\nnode ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`,
)
for (const file of suites) {
  const suite = await import(new URL(`./suites/${file}`, import.meta.url))
  console.log(`## ${suite.title ?? file}\n`)
  results[file] = await suite.run()
  console.log('')
}
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(results, null, 2))
