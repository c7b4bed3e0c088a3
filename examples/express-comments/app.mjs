// Express 5: moderate the comment endpoint and mount the report/evidence endpoints under /api/shield.
import express from 'express'
import {
  createEvidenceLedger,
  createFileLedgerStorage,
  createMemoryLedgerStorage,
} from '@comment-shield/node'
import { moderation, shieldRouter } from '@comment-shield/node/express'

export function createApp({ evidencePath } = {}) {
  const ledger = createEvidenceLedger({
    storage: evidencePath ? createFileLedgerStorage(evidencePath) : createMemoryLedgerStorage(),
  })
  const comments = []
  const app = express()
  app.post(
    '/comments',
    moderation({
      field: 'text',
      locale: 'zh-CN',
      ledger, // flagged comments become evidence
      getAuthor: (req) => req.headers.get('x-user-id') ?? undefined, // from your session in real life
      getTarget: (_req, body) => body.postId,
      failMode: 'closed', // 503 when moderation is down; never store unchecked text
    }),
    (req, res) => {
      // req.body.text is already redacted; req.commentShield.decision says what happened.
      const { decision } = req.commentShield
      const comment = { text: req.body.text, status: decision.action === 'hold' ? 'pending' : 'published' }
      comments.push(comment)
      res.status(201).json({ comment, decision })
    },
  )
  app.use(
    '/api/shield',
    shieldRouter({
      ledger,
      // Decide who may switch protection and export evidence (here: a moderator header, for the example only).
      authorize: (req) => req.headers.get('x-role') === 'moderator',
    }),
  )
  return app
}
