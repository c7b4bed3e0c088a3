// Fastify 5: register the plugin in the scope of the comment routes; serve the endpoints with shieldRoutes.
import Fastify from 'fastify'
import { createEvidenceLedger, createMemoryLedgerStorage } from '@comment-shield/node'
import { commentShield, shieldRoutes } from '@comment-shield/node/fastify'

export async function createApp() {
  const ledger = createEvidenceLedger({ storage: createMemoryLedgerStorage() })
  const app = Fastify()
  await app.register(async (scope) => {
    await scope.register(commentShield, { field: 'text', locale: 'en', ledger })
    scope.post('/comments', async (req, reply) => {
      // req.body.text is already redacted; req.commentShield.decision says what happened.
      return reply.code(201).send({ text: req.body.text, action: req.commentShield.decision.action })
    })
  })
  await app.register(shieldRoutes, {
    prefix: '/api/shield',
    ledger,
    authorize: (req) => req.headers.get('x-role') === 'moderator',
  })
  return app
}
