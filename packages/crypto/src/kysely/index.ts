export {
  createEncryptedColumnsPlugin,
  type EncryptedColumnsPluginOptions,
} from './encrypted-columns-plugin'
export type { NullableSealedColumn, SealedColumn } from './column-types'
export {
  encryptPlaintextColumn,
  type EncryptPlaintextColumnOptions,
} from './encrypt-plaintext-column'
export type { ColumnJobOptions } from './job-options'
export { rotateColumn, type RotateColumnOptions } from './rotate-column'
