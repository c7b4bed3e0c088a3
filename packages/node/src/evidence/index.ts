/**
 * Evidence: the hash-chained ledger, its storages, bundles and their printable HTML.
 *
 * @module
 */

// Ledger
export {
  canonicalJson,
  createEvidenceLedger,
  createMemoryLedgerStorage,
  entryHash,
  GENESIS_HASH,
  REPORT_REASONS,
  verifyBundle,
  verifyEntries,
} from './ledger.ts'
export type {
  EvidenceBundle,
  EvidenceInput,
  EvidenceLedger,
  EvidenceLedgerOptions,
  EvidenceRecord,
  LedgerEntry,
  LedgerHead,
  LedgerStorage,
  ReportReason,
  VerifyProblem,
  VerifyResult,
} from './ledger.ts'

// File storage
export { createFileLedgerStorage } from './file.ts'
export type { FileLedgerStorageOptions } from './file.ts'

// HTML
export { escapeHtml, renderEvidenceHtml } from './html.ts'
