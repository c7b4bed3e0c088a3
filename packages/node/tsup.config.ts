import { defineConfig } from 'tsup'
import { baseConfig } from '../../tsup.base.ts'

export default defineConfig(
  baseConfig({
    entry: {
      index: 'src/index.ts',
      express: 'src/express.ts',
      fastify: 'src/fastify.ts',
      hono: 'src/hono.ts',
      redis: 'src/redis.ts',
      claude: 'src/claude/index.ts',
      demo: 'src/demo/index.ts',
      cli: 'src/cli.ts',
    },
    platform: 'node',
    external: ['@anthropic-ai/sdk', '@comment-shield/core', 'express', 'fastify', 'hono', 'ioredis'],
  }),
)
