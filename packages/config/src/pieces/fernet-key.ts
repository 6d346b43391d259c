import { z } from 'zod'
import type { ConfigEntry } from '../entry'
import { piece } from './piece'
import { report } from './report'

const EXPECTED_KEY =
  'a Fernet key: 32 random bytes in url-safe base64 with = padding ' +
  '(44 characters)'

/** How to make a key, for error messages and the README. */
export const FERNET_KEY_FIX: string =
  'generate a key with: node -e "console.log(require(\'node:crypto\')' +
  ".randomBytes(32).toString('base64url') + '=')\" (or Python's " +
  'Fernet.generate_key())'

/** What is wrong with `key` as a Fernet key, without quoting it. */
export function fernetKeyProblem(key: string): string | undefined {
  if (/[+/]/.test(key)) return 'uses + or /: the url-safe alphabet has - and _'
  if (!/^[A-Za-z0-9_-]+=*$/.test(key)) return 'has characters outside base64'
  if (!key.endsWith('=')) return 'lacks its = padding'
  if (key.length !== 44) return "is not 44 characters long"
  const bytes = Buffer.from(key, 'base64url')
  // Re-encoding catches keys whose unused low bits are set.
  if (bytes.toString('base64url') + '=' !== key) return 'is not canonical'
  return undefined
}

const keySchema = z.string().transform((raw, ctx) => {
  const key = raw.trim()
  const problem = fernetKeyProblem(key)
  if (!problem) return key
  report(ctx, `${EXPECTED_KEY}; this value ${problem}`, FERNET_KEY_FIX)
  return z.NEVER
})

/**
 * One Fernet key (32 bytes, url-safe base64 with padding), as Python's
 * `cryptography` makes them. Secret.
 *
 * @example
 * SIGNING_KEY: fernetKey().requiredInProduction({
 *   development: DEVELOPMENT_FERNET_KEY,
 * })
 */
export function fernetKey(): ConfigEntry<string, true> {
  return piece(true, {
    schema: keySchema,
    expected: EXPECTED_KEY,
    fix: FERNET_KEY_FIX,
  })
}

const EXPECTED_LIST =
  'comma-separated Fernet keys, newest first (each 44 characters of ' +
  'url-safe base64 with = padding)'

const listSchema = z.string().transform((raw, ctx) => {
  const keys = raw.split(',').map((part) => part.trim())
  for (const [index, key] of keys.entries()) {
    const where = `key ${index + 1} of ${keys.length}`
    const problem =
      key === '' ? 'is empty (two commas in a row?)' : fernetKeyProblem(key)
    if (problem) report(ctx, `${EXPECTED_LIST}; ${where} ${problem}`,
      FERNET_KEY_FIX)
    const first = keys.indexOf(key)
    if (key !== '' && first < index) {
      report(ctx, `${EXPECTED_LIST}; ${where} repeats key ${first + 1}`,
        'remove the repeated key')
    }
  }
  return keys
})

/**
 * A key ring for rotation: comma-separated Fernet keys, newest first. The
 * first key encrypts; all of them decrypt. Secret.
 *
 * @example
 * TOKEN_KEYS: fernetKeyList().requiredInProduction({
 *   development: DEVELOPMENT_FERNET_KEYS,
 * })
 */
export function fernetKeyList(): ConfigEntry<string[], true> {
  return piece(true, {
    schema: listSchema,
    expected: EXPECTED_LIST,
    fix: FERNET_KEY_FIX,
  })
}
