import { z } from 'zod'
import { checkOptions } from '../check-options'
import { ConfigUsageError } from '../errors/config-usage-error'
import type { ConfigEntry } from '../entry'
import { piece } from './piece'
import { report } from './report'

/** Rules for {@link secret}. */
export interface SecretOptions {
  /**
   * Fewest characters accepted.
   * @default 16
   */
  readonly minLength?: number
}

const FIX =
  'generate one with: node -e "console.log(require(\'node:crypto\')' +
  ".randomBytes(32).toString('base64url'))\""

/**
 * A generic secret string (API token, session secret, password), taken
 * exactly as written, surrounding spaces included. Secret.
 *
 * @example
 * SESSION_SECRET: secret({ minLength: 32 }).requiredInProduction({
 *   development: DEVELOPMENT_SECRET,
 * })
 */
export function secret(
  options: SecretOptions = {},
): ConfigEntry<string, true> {
  checkOptions(options, 'secret')
  const minLength = options.minLength ?? 16
  if (!Number.isSafeInteger(minLength) || minLength < 1) {
    throw new ConfigUsageError(
      'secret: minLength must be a whole number of at least 1.',
      'pass minLength: 16 or more, or leave it out',
    )
  }
  const expected = `a secret of at least ${minLength} characters`
  const schema = z.string().transform((raw, ctx) => {
    if (raw.length >= minLength) return raw
    report(ctx, `${expected}; this one is shorter`, FIX)
    return z.NEVER
  })
  return piece(true, { schema, expected, fix: FIX })
}
