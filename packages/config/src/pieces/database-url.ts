import { z } from 'zod'
import type { ConfigEntry } from '../entry'
import { decodeUri, placeholderReason } from '../production-rules'
import { piece } from './piece'
import { report } from './report'

const EXPECTED =
  'a PostgreSQL URL: postgres://user:password@host:5432/database ' +
  '(postgresql:// works too)'

const schema = z.string().transform((raw, ctx) => {
  const value = raw.trim()
  const url = parse(value)
  if (!url) {
    report(ctx, `${EXPECTED}; this value is not a URL`)
  } else if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    report(ctx, `${EXPECTED}; this URL has another scheme`)
  } else if (url.hostname === '' && !url.searchParams.has('host')) {
    report(ctx, `${EXPECTED}; this URL names no host`)
  } else {
    return value
  }
  return z.NEVER
})

function parse(value: string): URL | undefined {
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}

function weakPassword(raw: string): string | undefined {
  const password = parse(raw.trim())?.password
  if (!password) return undefined
  // node-postgres reads a malformed %-escape literally; so does this check.
  const reason = placeholderReason(decodeUri(password), true)
  return reason && `a URL whose password is ${reason}`
}

/**
 * A PostgreSQL connection URL (`postgres://` or `postgresql://`) with a
 * host (or a `?host=` socket directory). Secret, since URLs carry
 * passwords; production also refuses placeholder passwords.
 *
 * @example
 * DATABASE_URL: databaseUrl().requiredInProduction({
 *   development: DEVELOPMENT_DATABASE_URL,
 * })
 */
export function databaseUrl(): ConfigEntry<string, true> {
  return piece(true, {
    schema,
    expected: EXPECTED,
    productionCheck: weakPassword,
  })
}
