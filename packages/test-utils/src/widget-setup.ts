/**
 * Vitest global setup of the `widget` project: checks Chromium (failing, never skipping, when it is missing) and
 * starts the real `@comment-shield/node` router on loopback behind a fault-injection proxy (see
 * `shield-harness.ts`), provided as `inject('shieldServer')` (its origin; the API is under `/api/shield`, the
 * harness's test-only endpoints under `/__harness/`).
 */
import { isRunnableDevEnvironment } from 'vite'
import type { TestProject } from 'vitest/node'
import { chromiumPath } from './system.ts'
import { startShieldHarness } from './shield-harness.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    shieldServer: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  chromiumPath()
  // Through the project's SSR environment (vitest's module runner on it: node_modules stay external), which
  // resolves with the `@comment-shield/source` condition: @comment-shield/node and core load from their sources.
  const ssr = project.vite.environments.ssr
  if (!isRunnableDevEnvironment(ssr)) throw new Error('The widget project needs a runnable SSR environment.')
  const harness = await startShieldHarness({
    load: (id) => ssr.runner.import(id),
    basePath: '/api/shield',
  })
  project.provide('shieldServer', harness.url)
  return () => harness.close()
}
