import { hkdfSync } from 'node:crypto'
import { CryptoArgumentError } from '../errors/crypto-argument-error'
import { encodeBase64 } from '../fernet/base64'
import { parseKey, type FernetKeyInput } from '../fernet/key'

/** Where an encrypted value lives; binds its key to that place. */
export interface EncryptionContext {
  /** The tenant that owns the row, e.g. its UUID. */
  readonly tenantId: string
  /** The table name as declared to the codec, e.g. `crm_connections`. */
  readonly table: string
  /** The column name, e.g. `access_token`. */
  readonly column: string
}

/** Label at the start of the HKDF `info`; changing it changes every key. */
export const CONTEXT_LABEL = 'tenantkit/crypto context v1'
const MAX_PART_BYTES = 255

/**
 * Derives the Fernet key of one (tenant, table, column) from a ring key
 * with HKDF-SHA256: input key = the 32 key bytes, no salt, length 32,
 * info = the ASCII label `tenantkit/crypto context v1` followed by the
 * tenant id, table and column, each as UTF-8 prefixed by its byte length
 * (2 bytes, big-endian). Returns the derived key as a Fernet key string,
 * so Python's `cryptography` derives the very same key (see the README).
 *
 * @example
 * const key = deriveContextKey(rootKey, {
 *   tenantId: '5b0c…', table: 'crm_connections', column: 'access_token',
 * })
 */
export function deriveContextKey(
  key: FernetKeyInput,
  context: EncryptionContext,
): string {
  return encodeBase64(deriveKeyBytes(parseKey(key), context))
}

/** HKDF-SHA256 of the raw key bytes for `context` (validated). */
export function deriveKeyBytes(
  key: Buffer,
  context: EncryptionContext,
): Buffer {
  const info = contextInfo(context)
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32))
}

/** Validates a context and encodes it as the HKDF `info` bytes. */
export function contextInfo(context: EncryptionContext): Buffer {
  if (typeof context !== 'object' || context === null) {
    throw new CryptoArgumentError(
      'Encryption context must be an object { tenantId, table, column }.',
      'Pass the tenant id and the table and column the value is stored in.',
    )
  }
  const fields = ['tenantId', 'table', 'column'] as const
  const encoded: Buffer[] = [Buffer.from(CONTEXT_LABEL, 'ascii')]

  for (const field of fields) {
    const value: unknown = context[field]
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : null
    if (bytes === null || bytes.length === 0 || bytes.length > MAX_PART_BYTES) {
      throw new CryptoArgumentError(
        `Encryption context: ${field} must be a non-empty string of at most ` +
          `${MAX_PART_BYTES} UTF-8 bytes, got ${describe(value)}.`,
        `Set ${field} to the ${field === 'tenantId' ? 'tenant id' : field} ` +
          'the value belongs to.',
      )
    }
    const length = Buffer.alloc(2)
    length.writeUInt16BE(bytes.length)
    encoded.push(length, bytes)
  }
  return Buffer.concat(encoded)
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `a string of ${value.length} characters`
  return value === null ? 'null' : typeof value
}
