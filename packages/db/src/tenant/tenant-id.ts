import { InvalidTenantIdError } from '../errors/invalid-tenant-id-error'

/** A custom tenant id format. */
export interface TenantIdFormat {
  /** Shown in errors, for example `a ULID`. */
  readonly description: string
  /** Whether `id` (already a string) is a valid tenant id. */
  readonly test: (id: string) => boolean
}

/**
 * How tenant ids look: `'uuid'` (any RFC 9562 variant, case-insensitive),
 * `'integer'` (a positive integer as number, bigint or decimal string),
 * `'text'` (1-200 printable characters) or a custom format.
 */
export type TenantIdType = 'uuid' | 'integer' | 'text' | TenantIdFormat

/** The tenant id type used when none is configured. */
export const DEFAULT_TENANT_ID_TYPE: TenantIdType = 'uuid'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const INTEGER = /^[1-9][0-9]{0,18}$/
// Printable text: no control characters (NUL cannot travel to PostgreSQL)
// and no lone surrogates, which Node sends as U+FFFD: two such ids would
// be one tenant in the database.
const TEXT = /^[^\p{Cc}\p{Cs}]{1,200}$/u

/**
 * Validates a tenant id and returns the string sent to PostgreSQL. Throws
 * an `InvalidTenantIdError` (which never echoes the value) otherwise.
 *
 * @example
 * normalizeTenantId('3F2504E0-4F89-11D3-9A0C-0305E82C3301') // lower-cased
 * normalizeTenantId(42n, 'integer') // '42'
 */
export function normalizeTenantId(
  value: unknown,
  type: TenantIdType = DEFAULT_TENANT_ID_TYPE,
): string {
  if (type === 'integer') return normalizeInteger(value)
  if (typeof value !== 'string') throw invalid(type, value)

  if (type === 'uuid') {
    if (!UUID.test(value)) throw invalid(type, value)
    return value.toLowerCase()
  }
  const ok = type === 'text' ? TEXT.test(value) : safeTest(type, value)
  if (!ok) throw invalid(type, value)
  return value
}

/** Whether a value is a usable `TenantIdType` option. */
export function isTenantIdType(value: unknown): value is TenantIdType {
  if (value === 'uuid' || value === 'integer' || value === 'text') return true
  if (typeof value !== 'object' || value === null) return false
  const format = value as Partial<TenantIdFormat>
  return typeof format.description === 'string' && typeof format.test === 'function'
}

function normalizeInteger(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) {
    return String(value)
  }
  if (typeof value === 'bigint' && value > 0n && value < 2n ** 63n) return String(value)
  if (typeof value === 'string' && INTEGER.test(value) && BigInt(value) < 2n ** 63n) {
    return value
  }
  throw invalid('integer', value)
}

function safeTest(format: TenantIdFormat, value: string): boolean {
  // Control characters and lone surrogates never reach a custom test.
  if (!TEXT.test(value)) return false
  return format.test(value) === true
}

function invalid(type: TenantIdType, value: unknown): InvalidTenantIdError {
  return new InvalidTenantIdError(expected(type), describe(value))
}

function expected(type: TenantIdType): string {
  if (type === 'uuid') return 'a UUID such as 00000000-0000-4000-8000-000000000000'
  if (type === 'integer') return 'a positive 64-bit integer'
  if (type === 'text') return 'a string of 1 to 200 printable characters'
  return type.description
}

// Describes a value without revealing it: ids can identify customers.
function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') {
    return value.length === 0 ? 'an empty string' : `a string of ${value.length} characters`
  }
  if (typeof value === 'object') return 'an object'
  return `a value of type ${typeof value}`
}
