/**
 * The one tsup configuration every package builds with; each package's `tsup.config.ts` is a one-liner
 * that names its entries and platform (changesets' `baseConfig` pattern, see STYLE.md §8).
 */
import type { Options } from 'tsup'

export function baseConfig(options: Options): Options {
  return {
    format: ['esm', 'cjs'],
    target: 'es2022',
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    dts: { compilerOptions: { ignoreDeprecations: '6.0', composite: false } },
    ...options,
  }
}
