import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

// ioredis and @anthropic-ai/sdk are optional peer dependencies: only the ./redis entry point may need ioredis, and
// the Claude scorer imports the SDK on its first call to Claude. This runs the built package (dist/, as installed users get it; `npm test` builds first) in a child
// Node process where resolving either peer fails as if it were not installed, in both module formats.
const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const PEERS = ['ioredis', '@anthropic-ai/sdk']
const WITHOUT_PEERS = ['index', 'express', 'fastify', 'hono', 'demo', 'claude']

const dir = mkdtempSync(join(tmpdir(), 'cs-peers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const isPeer = `(s) => ${JSON.stringify(PEERS)}.some((p) => s === p || s.startsWith(p + '/'))`
// CommonJS: require() resolves through Module._resolveFilename.
writeFileSync(
  join(dir, 'no-peers.cjs'),
  `const Module = require('node:module')
const isPeer = ${isPeer}
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  if (isPeer(request)) throw Object.assign(new Error('Cannot find module ' + request), { code: 'MODULE_NOT_FOUND' })
  return resolve.call(this, request, ...rest)
}
`,
)
// ES modules: a resolve hook.
writeFileSync(
  join(dir, 'no-peers-hooks.mjs'),
  `const isPeer = ${isPeer}
export async function resolve(specifier, context, next) {
  if (isPeer(specifier)) throw Object.assign(new Error('Cannot find package ' + specifier), { code: 'ERR_MODULE_NOT_FOUND' })
  return next(specifier, context)
}
`,
)
writeFileSync(
  join(dir, 'register.mjs'),
  `import { register } from 'node:module'
register(${JSON.stringify(new URL(`file://${join(dir, 'no-peers-hooks.mjs')}`).href)})
`,
)
writeFileSync(
  join(dir, 'probe.mjs'),
  `import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const [dist, ...entries] = process.argv.slice(2)
const out = {}
const local = { score: 0.5, categories: {}, spans: [], source: ['rules'] }
for (const entry of entries) {
  for (const format of ['esm', 'cjs']) {
    const file = dist + entry + (format === 'esm' ? '.js' : '.cjs')
    try {
      const mod = format === 'esm' ? await import(file) : require(file)
      const result = { ok: true, exports: Object.keys(mod).length }
      // Asking Claude without the SDK (and without an injected client) falls back instead of throwing.
      if (mod.createClaudeScorer) {
        const abuse = await mod.createClaudeScorer({ model: 'm', band: null }).score('text', { local })
        result.claude = { degraded: abuse.degraded, reason: abuse.reason, score: abuse.score }
      }
      out[entry + '.' + format] = result
    } catch (error) {
      out[entry + '.' + format] = { ok: false, message: String(error.message) }
    }
  }
}
process.stdout.write(JSON.stringify(out))
`,
)

type Probe = Record<
  string,
  | { ok: true; exports: number; claude?: { degraded: boolean; reason: string; score: number } }
  | { ok: false; message: string }
>

function probe(entries: string[]): Probe {
  const args = ['--require', join(dir, 'no-peers.cjs'), '--import', join(dir, 'register.mjs')]
  const out = execFileSync(process.execPath, [...args, join(dir, 'probe.mjs'), dist, ...entries], {
    encoding: 'utf8',
  })
  return JSON.parse(out) as Probe
}

describe('optional peer dependencies', () => {
  it('has a build to check', () => {
    expect(existsSync(join(dist, 'index.js')), 'run `npm run build` first').toBe(true)
  })

  it('loads the main entry, the adapters, the demo and ./claude without ioredis or the Anthropic SDK', () => {
    const result = probe(WITHOUT_PEERS)
    for (const entry of WITHOUT_PEERS) {
      for (const format of ['esm', 'cjs']) {
        const r = result[`${entry}.${format}`]
        expect(r, `${entry}.${format}`).toMatchObject({ ok: true })
        expect(r?.ok && r.exports, `${entry}.${format} exports`).toBeGreaterThan(0)
      }
    }
  })

  it('falls back with claude:sdk_missing when asked to call Claude without the SDK', () => {
    const result = probe(['index', 'claude'])
    const fellBack = { ok: true, claude: { degraded: true, reason: 'claude:sdk_missing', score: 0.5 } }
    expect(result).toMatchObject({
      'index.esm': fellBack,
      'index.cjs': fellBack,
      'claude.esm': fellBack,
      'claude.cjs': fellBack,
    })
  })

  it('needs ioredis in the ./redis entry point (the probe really hides it)', () => {
    const result = probe(['redis'])
    for (const format of ['esm', 'cjs']) {
      const r = result[`redis.${format}`]
      expect(r, `redis.${format}`).toMatchObject({ ok: false })
      expect(r?.ok === false && r.message, `redis.${format}`).toContain('ioredis')
    }
  })
})
