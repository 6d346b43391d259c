import { z } from 'zod'
import { checkOptions } from '../check-options'
import { ConfigUsageError } from '../errors/config-usage-error'
import type { ConfigEntry } from '../entry'
import { piece } from './piece'
import { report } from './report'

const SCHEME = /^[a-z][a-z0-9+.-]*:$/

/** Rules for {@link url}. */
export interface UrlOptions {
  /**
   * Accepted schemes, with the trailing colon.
   * @default ['https:', 'http:']
   */
  readonly protocols?: readonly string[]
}

/**
 * An absolute URL with one of the given schemes. Loads as the string.
 *
 * @example
 * CRM_BASE_URL: url({ protocols: ['https:'] })
 */
export function url(options: UrlOptions = {}): ConfigEntry<string, false> {
  checkOptions(options, 'url')
  const protocols = options.protocols ?? ['https:', 'http:']
  if (
    !Array.isArray(protocols) ||
    protocols.length === 0 ||
    !protocols.every((p) => typeof p === 'string' && SCHEME.test(p))
  ) {
    throw new ConfigUsageError(
      'url: protocols must be a non-empty list of schemes like "https:".',
      "pass e.g. { protocols: ['https:'] }",
    )
  }
  const schemes = protocols.map((p) => `${p}//`).join(' or ')
  const expected = `an absolute ${schemes} URL`
  const schema = z.string().transform((raw, ctx) => {
    const value = raw.trim()
    if (protocols.includes(parseProtocol(value) ?? '')) return value
    report(ctx, expected)
    return z.NEVER
  })
  return piece(false, { schema, expected })
}

function parseProtocol(value: string): string | undefined {
  try {
    return new URL(value).protocol
  } catch {
    return undefined
  }
}
