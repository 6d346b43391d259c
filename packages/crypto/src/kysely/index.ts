export {
  createEncryptedColumnsPlugin,
  type EncryptedColumnsPluginOptions,
} from './encrypted-columns-plugin'
export type { NullableSealedColumn, SealedColumn } from './column-types'
