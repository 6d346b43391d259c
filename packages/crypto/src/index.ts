export {
  CryptoArgumentError,
  CryptoError,
  EncryptedColumnError,
  InvalidKeyError,
  InvalidTokenError,
  type CryptoErrorOptions,
} from './errors/index'
export {
  createFernet,
  type DecryptOptions,
  type Fernet,
  type FernetOptions,
} from './fernet/fernet'
export { generateKey, type FernetKeyInput } from './fernet/key'
export {
  CONTEXT_LABEL,
  deriveContextKey,
  type EncryptionContext,
} from './key-ring/context'
export { createKeyRing, type KeyRing } from './key-ring/key-ring'
export { MAX_CLOCK_SKEW } from './key-ring/ring'
export { isSealed, type Sealed } from './sealed/sealed'
export {
  createColumnCodec,
  type ColumnCodec,
  type ColumnCodecOptions,
  type ColumnTarget,
} from './column/column-codec'
export type { EncryptedTables } from './column/encrypted-tables'
export type { JobProgress, JobResult } from './progress/job-progress'
export {
  createProgressBar,
  formatProgress,
  type ProgressBar,
  type ProgressBarOptions,
  type ProgressStream,
} from './progress/progress-bar'
