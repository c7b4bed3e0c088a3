/**
 * Browser-side helpers for the widget tests: talk to the shield harness the widget project's global setup
 * starts (see `shield-harness.ts`). Imports nothing from Node.
 */
import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    shieldServer: string
  }
}

/** The harness origin (the fault proxy in front of the real router). */
export const shieldServer: string = inject('shieldServer')
/** The API base URL, `…/api/shield`. */
export const shieldApi = `${shieldServer}/api/shield`
/** The bearer token the harness accepts for protection switches (kept in sync with shield-harness.ts). */
export const MODERATOR_TOKEN = 'harness-moderator'
/** A report id as the real router makes them: `crypto.randomUUID()`. */
export const REPORT_ID: RegExp = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** A fault the proxy injects: `none`, `offline` (connections dropped), `error` (503), `rate-limited` (429). */
export type Fault = 'none' | 'offline' | 'error' | 'rate-limited'

async function post(path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${shieldServer}${path}`, { method: 'POST', body: JSON.stringify(body) })
  if (!response.ok) throw new Error(`harness ${path} answered ${response.status}`)
}

/** A fresh router, moderator and store; no fault. */
export function resetHarness(): Promise<void> {
  return post('/__harness/reset')
}

/** Switches the proxy's fault injection. */
export function setFault(mode: Fault): Promise<void> {
  return post('/__harness/fault', { mode })
}

/** Every report the real router accepted since the last reset (from its `onReport` hook). */
export async function acceptedReports(): Promise<(Record<string, unknown> & { id: string })[]> {
  return (await (await fetch(`${shieldServer}/__harness/reports`)).json()) as (Record<string, unknown> & {
    id: string
  })[]
}

/** `POST {base}/check` as a commenting author would (the moderator ingests it into the pile-on detector). */
export async function check(body: {
  text: string
  targetId?: string
  authorId?: string
}): Promise<{ decision: { action: string }; pileOn?: { level: string } }> {
  const response = await fetch(`${shieldApi}/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`/check answered ${response.status}`)
  return (await response.json()) as { decision: { action: string }; pileOn?: { level: string } }
}

/** Switches protection mode as a moderator (through the router's authorisation hook). */
export async function switchProtection(targetId: string, active: boolean): Promise<unknown> {
  const response = await fetch(`${shieldApi}/targets/${encodeURIComponent(targetId)}/protection`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${MODERATOR_TOKEN}` },
    body: JSON.stringify({ active }),
  })
  if (!response.ok) throw new Error(`protection switch answered ${response.status}`)
  return response.json()
}
