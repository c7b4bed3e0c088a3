import { defineConfig } from 'tsup'
import { baseConfig } from '../../tsup.base.ts'
import { minifyLiteralsPlugin, restoreSourcesContent, terserPlugin } from './scripts/bundle-minify.mjs'

export default defineConfig([
  baseConfig({
    entry: ['src/index.ts', 'src/define.ts'],
    platform: 'browser',
    clean: false,
    external: ['lit', '@comment-shield/core'],
  }),
  // The single-file ES module a plain HTML page loads with one <script type="module"> tag: everything inlined,
  // core included from its sources (so tree-shaking sees `sideEffects: false` and the light presets only).
  // Minified twice (docs/widget.md §9): esbuild, with the widget's `css`/`html` templates minified as they
  // load, then terser over the whole chunk. esbuild already tree-shakes, so tsup's rollup pass is off.
  baseConfig({
    entry: { 'comment-shield': 'src/define.ts' },
    format: ['esm'],
    platform: 'browser',
    minify: true,
    treeshake: false,
    dts: false,
    clean: false,
    noExternal: [/.*/],
    esbuildPlugins: [minifyLiteralsPlugin],
    plugins: [terserPlugin],
    // tsup's outDir is relative to the working directory, as `npm run build -w` sets it.
    onSuccess: () => restoreSourcesContent('dist/comment-shield.js.map'),
    esbuildOptions(options) {
      options.conditions = ['@comment-shield/source', 'browser', 'module', 'import']
      options.legalComments = 'none'
      // Chinese strings as UTF-8 rather than \uXXXX escapes (6 bytes each): module scripts are always decoded
      // as UTF-8 (HTML "fetch a single module script"), whatever the server's charset.
      options.charset = 'utf8'
    },
  }),
])
