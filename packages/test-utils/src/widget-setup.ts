/**
 * Vitest global setup of the `widget` project: checks Chromium (failing, never skipping, when it is missing) and
 * starts the loopback HTTP server the report-flow tests talk to, provided as `inject('shieldServer')`
 * (its origin; the API is under `/api/shield`).
 */
import type { TestProject } from 'vitest/node'
import { chromiumPath } from './system.ts'
import { startContractServer } from './shield-contract-server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    shieldServer: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  chromiumPath()
  const server = await startContractServer('/api/shield')
  project.provide('shieldServer', server.url)
  return () => server.close()
}
