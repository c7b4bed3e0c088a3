// Types of bundle-minify.mjs for tsup.config.ts (the module stays plain JavaScript so that
// scripts/widget-size-report.mjs can import it with Node alone).
import type { Plugin } from 'esbuild'
import type { MinifyOptions } from 'terser'

export function scanTemplate(src: string, open: number): { end: number; parts: Array<[number, number]> }
export function minifyCss(text: string): string
export function minifyHtml(text: string): string
export function minifyLiterals(src: string): string
export const minifyLiteralsPlugin: Plugin
export const terserOptions: MinifyOptions
export function terserChunk(code: string, fileName: string): Promise<{ code: string; map: string }>
export const terserPlugin: {
  name: string
  renderChunk(code: string, info: { path: string }): Promise<{ code: string; map: string } | undefined>
}
export function restoreSourcesContent(mapPath: string): Promise<void>
