import { defineConfig } from 'tsup'
import { baseConfig } from '../../tsup.base.ts'

export default defineConfig([
  baseConfig({
    entry: ['src/index.ts', 'src/define.ts'],
    platform: 'browser',
    clean: false,
    external: ['lit', '@comment-shield/core'],
  }),
  // The single-file ES module a plain HTML page loads with one <script type="module"> tag: everything inlined,
  // core included from its sources (so tree-shaking sees `sideEffects: false` and the light presets only).
  baseConfig({
    entry: { 'comment-shield': 'src/define.ts' },
    format: ['esm'],
    platform: 'browser',
    minify: true,
    dts: false,
    clean: false,
    noExternal: [/.*/],
    esbuildOptions(options) {
      options.conditions = ['@comment-shield/source', 'browser', 'module', 'import']
      options.legalComments = 'none'
      // Chinese strings as UTF-8 rather than \uXXXX escapes (6 bytes each): module scripts are always decoded
      // as UTF-8 (HTML "fetch a single module script"), whatever the server's charset.
      options.charset = 'utf8'
    },
  }),
])
