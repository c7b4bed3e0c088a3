/**
 * `@comment-shield/core`: isomorphic detection of doxing, abuse and pile-ons in Chinese and English comments.
 * Runs in browsers and Node alike; does no I/O and reads no clock.
 *
 * @module
 */

// Analysis
export { analyze, createAnalyzer } from './analyze.ts'
export type { AnalyzeContext, Analyzer, AnalyzerOptions, Verdict } from './analyze.ts'

// Normalisation
export {
  CHINESE_DIGITS,
  chineseNumeralsStage,
  CONFUSABLES,
  confusablesStage,
  createCharMapStage,
  createNormalizer,
  createRegexStage,
  defaultNormalizeStages,
  digitRunStages,
  digitSeparatorsStage,
  emailObfuscationStage,
  enclosedDigitsStage,
  extendNormalized,
  foldStages,
  invisiblesStage,
  lowercaseStage,
  nfkcStage,
  normalize,
  spelledDigitsStage,
  toOriginalSpan,
} from './normalize/index.ts'
export type {
  ChineseNumeralsStageOptions,
  NormalizedText,
  NormalizeEdit,
  NormalizeOptions,
  NormalizeStage,
  Normalizer,
  SpelledDigitsStageOptions,
} from './normalize/index.ts'

// Doxing risk
export { doxRisk } from './dox/index.ts'
export type { DoxLevel, DoxRisk } from './dox/index.ts'

// Abuse scoring
export {
  ABUSE_CATEGORIES,
  createAbuseModel,
  createCompactLocalScorer,
  createCompactRuleScorer,
  createLocalScorer,
  createRuleScorer,
  emptyAbuse,
  getLoadedAbuseModel,
  leetspeakStage,
  loadAbuseModel,
  refineAbuse,
  traditionalToSimplifiedStage,
} from './score/index.ts'
export type {
  AbuseCategory,
  AbuseModel,
  AbuseResult,
  AbuseScorer,
  AbuseSpan,
  LocalScorer,
  LocalScorerOptions,
  ModelScores,
  RuleFindings,
  RuleScorer,
  RuleScorerOptions,
  ScorerContext,
  ScorerSource,
  ThreatTarget,
} from './score/index.ts'
export type { AbuseModelData } from './score/model-data.ts'

// PII
export {
  browserRecognizers,
  cardRecognizer,
  CHINESE_SURNAMES,
  cnAddressRecognizer,
  cnIdRecognizer,
  cnLandlineRecognizer,
  cnLicensePlateRecognizer,
  cnMobileRecognizer,
  cnPassportRecognizer,
  defaultRecognizers,
  detectPii,
  detectPiiCompact,
  detectPiiFast,
  emailRecognizer,
  enAddressRecognizer,
  intlAddressRecognizer,
  intlPhoneRecognizer,
  ipRecognizer,
  personNameRecognizer,
  qqRecognizer,
  usSsnRecognizer,
  wechatRecognizer,
} from './pii/index.ts'
export type {
  DetectPiiOptions,
  PiiDetector,
  IntlPhoneRecognizerOptions,
  PiiEvidence,
  PiiFinding,
  PiiType,
  Recognizer,
  RecognizerView,
} from './pii/index.ts'

// Redaction
export { REDACTION_LABELS, redact, redactAsync } from './redact/index.ts'
export type {
  Redaction,
  RedactionLocale,
  RedactionOperator,
  RedactAsyncOptions,
  RedactOptions,
} from './redact/index.ts'

// Policy
export { abuseAction, decide, decideContent, DEFAULT_THRESHOLDS, resolveThresholds } from './policy/index.ts'
export type {
  CategoryThresholds,
  Decision,
  DecisionAction,
  DecideContext,
  DecideOptions,
  LocalizedMessage,
} from './policy/index.ts'

// Pile-on detection
export { createPileOnDetector, PILE_ON_LEVELS } from './pile-on/index.ts'
export type {
  PileOnDetector,
  PileOnDetectorOptions,
  PileOnEvent,
  PileOnLevel,
  PileOnLevelChange,
  PileOnReason,
  PileOnStats,
  PileOnStatus,
} from './pile-on/index.ts'

// Protection mode
export { createProtection } from './protection/index.ts'
export type {
  EnableProtectionOptions,
  Protection,
  ProtectionActor,
  ProtectionChange,
  ProtectionCheck,
  ProtectionOptions,
  ProtectionReason,
  ProtectionState,
  ProtectionSubject,
} from './protection/index.ts'

// Offender ledger
export { createOffenderLedger, DEFAULT_LADDER } from './offenders/index.ts'
export type {
  LadderAction,
  LadderStep,
  OffenderLedger,
  OffenderLedgerOptions,
  OffenderStanding,
  StrikeInput,
  StrikeKind,
} from './offenders/index.ts'

// Moderator
export { createModerator } from './moderator/index.ts'
export type {
  ModerateInput,
  ModerationResult,
  Moderator,
  ModeratorErrorStage,
  ModeratorOptions,
} from './moderator/index.ts'

// Store
export { chain, createMemoryStore, isPromiseLike, updateWithCompareAndSet } from './store/index.ts'
export type {
  CounterState,
  MaybePromise,
  MemoryStore,
  MemoryStoreOptions,
  Store,
  SyncStore,
  UpdateWithCompareAndSetOptions,
} from './store/index.ts'

// Perspective API compatibility
export {
  analyzeComment,
  detectLanguages,
  isSupportedLanguage,
  parseAnalyzeCommentRequest,
  PERSPECTIVE_ATTRIBUTES,
  perspectiveErrorBody,
  PerspectiveRequestError,
  toAnalyzeCommentResponse,
} from './perspective/index.ts'
export type {
  AnalyzeCommentOptions,
  AnalyzeCommentRequest,
  AnalyzeCommentResponse,
  GoogleErrorBody,
  ParseAnalyzeOptions,
  ParsedAnalyzeRequest,
  PerspectiveAttribute,
  PerspectiveErrorType,
  PerspectiveScore,
} from './perspective/index.ts'

// Reports
export { REPORT_REASONS } from './report/index.ts'
export type { Report, ReportReason } from './report/index.ts'

// Errors
export { isModerationError, ModerationError } from './errors.ts'
export type { ModerationErrorCode } from './errors.ts'
