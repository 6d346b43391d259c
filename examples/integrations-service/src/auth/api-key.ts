import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

const PREFIX = 'tk_'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const SECRET = /^[A-Za-z0-9_-]{43}$/

/** A freshly issued API key: show `key` once, store only `hash`. */
export interface IssuedApiKey {
  /** `tk_<tenant id>_<43 characters of secret>`, given to the tenant. */
  readonly key: string
  /** SHA-256 of the secret part, hex; what the database stores. */
  readonly hash: string
}

/** An API key split into the tenant it names and its secret's hash. */
export interface ParsedApiKey {
  readonly tenantId: string
  readonly hash: string
}

/**
 * Issues an API key for a tenant. The key carries the tenant id in the
 * clear: it only says which tenant's keys to compare against, and the
 * 256-bit secret must still match one of that tenant's stored hashes. A
 * plain SHA-256 suffices for a random secret that long (no dictionary to
 * guess from), and keeps each request cheap.
 *
 * @example
 * const { key, hash } = issueApiKey(tenantId)
 */
export function issueApiKey(tenantId: string): IssuedApiKey {
  if (!UUID.test(tenantId)) {
    throw new TypeError('issueApiKey: tenantId must be a lower-case UUID.')
  }
  const secret = randomBytes(32).toString('base64url')
  return { key: `${PREFIX}${tenantId}_${secret}`, hash: hashSecret(secret) }
}

/**
 * Splits a presented key; undefined when it is not shaped like one, so the
 * caller answers 401 without touching the database.
 *
 * @example
 * const parsed = parseApiKey(bearerToken)
 */
export function parseApiKey(key: string): ParsedApiKey | undefined {
  if (key.length !== PREFIX.length + 36 + 1 + 43) return undefined
  if (!key.startsWith(PREFIX)) return undefined
  const tenantId = key.slice(PREFIX.length, PREFIX.length + 36)
  const separator = key.charAt(PREFIX.length + 36)
  const secret = key.slice(PREFIX.length + 37)
  if (!UUID.test(tenantId) || separator !== '_' || !SECRET.test(secret)) {
    return undefined
  }
  return { tenantId, hash: hashSecret(secret) }
}

/**
 * Whether `hash` equals one of `stored`, comparing every candidate in
 * constant time and never stopping early, so timing tells nothing about
 * how close a guess came.
 *
 * @example
 * if (!matchesAnyHash(parsed.hash, rows.map((r) => r.key_hash))) reply(401)
 */
export function matchesAnyHash(
  hash: string,
  stored: readonly string[],
): boolean {
  const presented = Buffer.from(hash, 'hex')
  let match = false
  for (const candidate of stored) {
    const bytes = Buffer.from(candidate, 'hex')
    const equal = bytes.length === presented.length &&
      timingSafeEqual(bytes, presented)
    match = equal || match
  }
  return match
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}
