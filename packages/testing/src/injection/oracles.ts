import { findCanary } from './canary'
import { isHttpObservation } from './http-observation'
import type { Outcome } from './outcome'
import type { InjectionPayload } from './payload'
import { renderForScan } from './render'
import { findDatabaseError } from './sqlstate'

/** The checks run after every payload. */
export type InjectionOracle = 'canary' | 'sql-error' | 'schema' | 'timing' | 'session' | 'baseline'

/** A row of another tenant, marked by a canary, came back. */
export function checkCanary(
  outcome: Outcome<unknown>,
  canaries: readonly string[],
): string | undefined {
  if (outcome.kind === 'timeout' || canaries.length === 0) return undefined
  const text = renderForScan(outcome.kind === 'value' ? outcome.value : outcome.error)
  const canary = findCanary(text, canaries)
  if (canary === undefined) return undefined
  const where = outcome.kind === 'value' ? 'result' : 'error message'
  return `the ${where} holds canary ${canary}, seeded as another tenant's data`
}

// Errors whose message quotes the value the database failed to convert.
const QUOTING_CODES = new Set(['22P02', '22003', '22007', '22008'])
const HARMLESS_QUOTES = new Set(['Infinity', '-Infinity', 'NaN', ''])
const LEAKED_SQL_ERROR = new RegExp([
  'syntax error', 'at or near "', 'same number of columns',
  '(column|relation|function|operator|type) [^\\n]{0,80}does not exist',
].join('|'))

/**
 * The input reached the SQL text: a syntax or undefined-object error
 * (SQLSTATE class 42), or a conversion error quoting a value the input did
 * not contain (query output leaking through a cast).
 */
export function checkSqlError(
  outcome: Outcome<unknown>,
  payload: InjectionPayload,
): string | undefined {
  if (outcome.kind === 'value') {
    const v = outcome.value
    // JSON bodies escape the quotes PostgreSQL puts around names.
    if (isHttpObservation(v) && LEAKED_SQL_ERROR.test(v.body.replaceAll('\\"', '"'))) {
      return `HTTP ${v.status}: the response body shows a PostgreSQL syntax ` +
        'or undefined-object error'
    }
    return undefined
  }
  if (outcome.kind !== 'error') return undefined
  const db = findDatabaseError(outcome.error)
  if (db === undefined) return undefined
  if (db.code.startsWith('42')) return `${db.code} escaped: ${shorten(db.message, 120)}`
  if (!QUOTING_CODES.has(db.code)) return undefined
  const quoted = /"([^]*)"[^"]*$/.exec(db.message)?.[1]
  if (quoted === undefined || HARMLESS_QUOTES.has(quoted)) return undefined
  // The app may trim, lower-case or wrap the input before binding it, and
  // UTF-8 turns lone surrogates into U+FFFD on the way.
  const input = Buffer.from(payload.value, 'utf8').toString('utf8').toLowerCase()
  const shown = quoted.toLowerCase()
  if (input.includes(shown) || shown.includes(input)) return undefined
  return `${db.code} quotes a ${quoted.length}-character value that is not in the input: ` +
    'query output leaked through a failed cast'
}

/** The call hung, hit statement_timeout, or ran well past the baseline. */
export function checkTiming(
  outcome: Outcome<unknown>,
  baselineMs: number,
  slowMs: number,
): string | undefined {
  if (outcome.kind === 'timeout') return `no answer within ${outcome.ms} ms`
  if (outcome.kind === 'error' && findDatabaseError(outcome.error)?.code === '57014') {
    return `hit statement_timeout (57014 query_canceled) after ${outcome.ms} ms`
  }
  if (outcome.ms > baselineMs + slowMs) {
    return `took ${outcome.ms} ms; the benign input took ${baselineMs} ms ` +
      `(threshold: baseline + ${slowMs} ms)`
  }
  return undefined
}

/**
 * The default rule for "differs from the baseline": more rows or items than
 * the benign input got, an HTTP 5xx, or a database error other than the
 * data errors (classes 22 and 23) a bound parameter can cause.
 */
export function checkBaseline(
  outcome: Outcome<unknown>,
  baseline: Outcome<unknown>,
): string | undefined {
  if (outcome.kind === 'timeout') return undefined
  if (outcome.kind === 'error') {
    const code = findDatabaseError(outcome.error)?.code
    if (code === undefined || code.startsWith('42') || code === '57014') return undefined
    if (code.startsWith('22') || code.startsWith('23')) return undefined
    return `database error ${code}, which the benign input did not cause`
  }
  const base = baseline.kind === 'value' ? baseline.value : undefined
  const v = outcome.value
  if (isHttpObservation(v) && v.status >= 500) {
    const was = isHttpObservation(base) ? base.status : 'no error'
    return `HTTP ${v.status}; the benign input got ${was}`
  }
  if (isHttpObservation(v) && v.status >= 400) return undefined
  const got = countItems(v)
  const expected = countItems(base)
  if (got > expected) {
    return `${got} rows or items; the benign input got ${expected}`
  }
  return undefined
}

/** Rows in a result: arrays, `{ rows }`, JSON bodies, or 1 for anything else. */
export function countItems(value: unknown): number {
  if (isHttpObservation(value)) return countItems(value.json ?? value.body)
  if (value === null || value === undefined || value === '') return 0
  if (Array.isArray(value)) return value.length
  if (typeof value === 'object') {
    const rows = (value as { rows?: unknown }).rows
    if (Array.isArray(rows)) return rows.length
    const arrays = Object.values(value).filter(Array.isArray)
    if (arrays.length > 0) return arrays.reduce((sum, a) => sum + a.length, 0)
  }
  return 1
}

/** `text` cut to `max` characters, control characters made visible. */
export function shorten(text: string, max: number): string {
  const visible = JSON.stringify(text).slice(1, -1)
  return visible.length <= max ? visible : `${visible.slice(0, max)}... (${text.length} chars)`
}
