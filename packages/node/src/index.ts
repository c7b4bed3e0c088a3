/**
 * `@comment-shield/node`: server-side enforcement of Comment Shield.
 *
 * Framework adapters live in `./express`, `./fastify` and `./hono`; the Redis store in `./redis` (it needs the
 * optional peer `ioredis`). The Claude scorer is exported here and from `./claude`; it imports its optional peer
 * `@anthropic-ai/sdk` only when it first calls Claude, so this entry point never needs either peer.
 *
 * @module
 */

// Shield
export { badRequest, createFetchHandler, createShield, readBody } from './handler.ts'
export type {
  BodyResult,
  CommentShieldState,
  DecisionEvent,
  FetchHandlerOptions,
  FieldAccessor,
  Inspection,
  ModerationOutcome,
  ResolvedShieldOptions,
  Shield,
  ShieldComment,
  ShieldCommentContext,
  ShieldErrorContext,
  ShieldMode,
  ShieldModerator,
  ShieldOptions,
} from './handler.ts'

// Endpoints router
export { createModeratorProtection, createShieldRouter, createStoreProtection } from './router.ts'
export type {
  AccessRequest,
  PerspectiveRouteOptions,
  ProtectionProvider,
  ProtectionStatus,
  RateLimit,
  Reporter,
  ReportInput,
  RouteInfo,
  ShieldRouter,
  ShieldRouterOptions,
  TargetLevel,
} from './router.ts'

// Node http bridge
export { clientAddress, sendWebResponse, toNodeListener, toWebRequest } from './node-http.ts'

// Evidence
export {
  canonicalJson,
  createEvidenceLedger,
  createFileLedgerStorage,
  createMemoryLedgerStorage,
  entryHash,
  escapeHtml,
  GENESIS_HASH,
  renderEvidenceHtml,
  REPORT_REASONS,
  verifyBundle,
  verifyEntries,
} from './evidence/index.ts'
export type {
  EvidenceBundle,
  EvidenceInput,
  EvidenceLedger,
  EvidenceLedgerOptions,
  EvidenceRecord,
  FileLedgerStorageOptions,
  LedgerEntry,
  LedgerHead,
  LedgerStorage,
  ReportReason,
  VerifyProblem,
  VerifyResult,
} from './evidence/index.ts'

// Problems
export { PROBLEM_BASE, PROBLEM_CONTENT_TYPE, problemResponse } from './problem.ts'
export type { ProblemDetails } from './problem.ts'

// Claude second opinion (the SDK, an optional peer, is imported on first use)
export { CLAUDE_TOOL, createClaudeScorer } from './claude/index.ts'
export type { ClaudeClient, ClaudeScorerOptions } from './claude/index.ts'
