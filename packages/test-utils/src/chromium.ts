/**
 * One place for how the test suite starts Debian's Chromium: the flags this closed-network machine needs
 * (no background networking, no component updates, no QUIC) and the executable path (`CHROMIUM_PATH` overrides).
 */
import { chromium } from 'playwright-core'
import type { Browser } from 'playwright-core'
import { chromiumPath } from './system.ts'

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches headless Chromium for an end-to-end test; fails (never skips) when it is not installed. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] })
}
