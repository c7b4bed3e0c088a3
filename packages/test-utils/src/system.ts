/**
 * Locating the system programs the test suite needs (Debian `chromium`, `redis-server`). A missing one fails
 * the run with the command that installs it; it never skips.
 */
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

export function which(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, program)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this directory
    }
  }
  return undefined
}

export function requireProgram(program: string, envOverride?: string): string {
  const override = envOverride ? process.env[envOverride] : undefined
  const found = override ?? which(program)
  if (!found) {
    throw new Error(
      `${program} is required by the test suite but was not found on PATH. ` +
        `Install it with \`npm run setup:system\` (Debian: apt-get install -y chromium redis-server).`,
    )
  }
  return found
}

export function chromiumPath(): string {
  return requireProgram('chromium', 'CHROMIUM_PATH')
}
