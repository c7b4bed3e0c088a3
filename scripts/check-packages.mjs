// Lints every published package's build output: publint --strict and attw --profile node16.
import { execFileSync } from 'node:child_process'
import { delimiter, resolve } from 'node:path'

// Runnable as `node scripts/check-packages.mjs` too, not only through npm (which puts .bin on PATH).
const env = { ...process.env, PATH: `${resolve('node_modules/.bin')}${delimiter}${process.env.PATH}` }

const packages = ['packages/core', 'packages/node', 'packages/widget']
let failed = false
for (const dir of packages) {
  for (const [bin, args] of [
    ['publint', ['--strict', dir]],
    [
      'attw',
      [
        '--pack',
        dir,
        '--profile',
        'node16',
        '--format',
        'table-flipped',
        // The widget's ./bundle is the single-file ES module for <script type="module"> tags: browsers only,
        // never require()d, so the node16-from-CJS column does not apply to it.
        ...(dir === 'packages/widget' ? ['--exclude-entrypoints', 'bundle'] : []),
        // Core's ./model is the ESM-only weights module (0.7 MB; one copy keeps the package under its 1 MB budget).
        // Both builds of core load it with import(), which CommonJS supports, so "require → ESM" does not apply.
        ...(dir === 'packages/core' ? ['--exclude-entrypoints', 'model'] : []),
      ],
    ],
  ]) {
    console.log(`\n$ ${bin} ${args.join(' ')}`)
    try {
      execFileSync(bin, args, { stdio: 'inherit', env })
    } catch {
      failed = true
    }
  }
}
process.exitCode = failed ? 1 : 0
