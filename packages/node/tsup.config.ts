import { defineConfig } from 'tsup'
import { baseConfig } from '../../tsup.base.ts'

export default defineConfig(
  baseConfig({
    entry: ['src/index.ts', 'src/express.ts', 'src/cli.ts'],
    platform: 'node',
    external: ['@comment-shield/core', 'express', 'fastify', 'hono'],
  }),
)
