/** Vitest global setup for browser projects: fails the run (never skips) when Chromium is missing. */
import { chromiumPath } from './system.ts'

export default function setup(): void {
  chromiumPath()
}
