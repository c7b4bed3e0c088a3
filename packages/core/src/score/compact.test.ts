import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { analyze, createAnalyzer } from '../analyze.ts'
import { browserRecognizers } from '../pii/index.ts'
import { createCompactLocalScorer, createCompactRuleScorer } from './compact.ts'
import { createLocalScorer } from './local.ts'

describe('createCompactRuleScorer()', () => {
  it('accepts site-specific lexicon lines and rejects unknown tags', () => {
    const custom = createCompactRuleScorer({ extraLexicon: 'foobar => insult=0.9' })
    expect(custom.find('you foobar').categories.insult).toBeCloseTo(0.9)
    expect(() => createCompactRuleScorer({ extraLexicon: 'x => nonsense=1' })).toThrow(/nonsense/)
  })

  it('scores a non-string from a JavaScript caller as a string instead of throwing', () => {
    const scorer = createCompactLocalScorer({ model: false })
    expect(scorer.score(12 as unknown as string).score).toBe(0)
    expect(createLocalScorer({ model: false }).score(12 as unknown as string)).toEqual(
      scorer.score(12 as unknown as string),
    )
  })
})

describe('createAnalyzer() default abuse scorer', () => {
  it('is the compact engine, with the results of analyze()', () => {
    const shield = createAnalyzer()
    for (const text of ['你个傻 逼 13800138000', '兄弟们冲她微博', 'I know where you live', '今天天气不错'])
      expect(shield.analyze(text).abuse).toEqual(analyze(text, { recognizers: browserRecognizers }).abuse)
  })

  it('keeps the fast engine out of a bundle that only uses createAnalyzer (the widget)', async () => {
    // Core has no Node types (it is isomorphic): a file URL's path is enough on the POSIX machines we test on.
    const here = decodeURIComponent(new URL('.', import.meta.url).pathname)
    const result = await build({
      stdin: {
        contents: `import { createAnalyzer } from '../index.ts'\nexport const v = createAnalyzer().analyze('x')`,
        resolveDir: here,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['@comment-shield/source', 'browser', 'module', 'import'],
      logLevel: 'silent',
    })
    // Modules that contribute bytes to the output (the metafile's `inputs` also lists tree-shaken ones).
    const inputs = Object.values(result.metafile.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, i]) => i.bytesInOutput > 0)
        .map(([p]) => p),
    )
    expect(inputs.some((p) => p.endsWith('score/compact.ts'))).toBe(true)
    expect(inputs.some((p) => p.endsWith('score/rules.ts'))).toBe(false)
  })
})
