import { defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'
import { playwright } from '@vitest/browser-playwright'
import { CHROMIUM_ARGS } from './packages/test-utils/src/chromium.ts'

// Workspace packages resolve to their TypeScript sources in tests (the `@comment-shield/source` export
// condition); examples and the CLI tests run the built dist/ output as users would.
const conditions = ['@comment-shield/source', ...defaultServerConditions]
const resolve = { conditions }
const ssr = { resolve: { conditions } }

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  test: {
    restoreMocks: true,
    projects: [
      {
        resolve,
        ssr,
        test: {
          name: 'core',
          environment: 'node',
          include: ['packages/core/src/**/*.test.ts'],
          typecheck: { enabled: true, include: ['packages/core/src/**/*.test-d.ts'] },
        },
      },
      {
        resolve,
        ssr,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/node/src/**/*.test.ts'],
          globalSetup: ['packages/test-utils/src/global-setup.ts'],
        },
      },
      {
        resolve: { conditions: ['@comment-shield/source', 'browser', 'module', 'import', 'default'] },
        // The global setup runs in Node and starts the real @comment-shield/node router on loopback (behind a
        // fault-injection proxy), loaded through this SSR environment so node and core run from source.
        ssr,
        // Pre-bundled up front so Vite does not reload the page mid-run when a test first imports them.
        optimizeDeps: { include: ['axe-core', 'fast-check'] },
        test: {
          name: 'widget',
          include: ['packages/widget/src/**/*.test.ts'],
          globalSetup: ['packages/test-utils/src/widget-setup.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath, args: [...CHROMIUM_ARGS] },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['examples/**/*.test.{ts,mjs}'],
          globalSetup: ['packages/test-utils/src/chromium-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
})
