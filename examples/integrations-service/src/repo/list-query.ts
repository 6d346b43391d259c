import { z } from 'zod'
import { RequestError } from '../request-error'

/**
 * Sort keys the client may choose, mapped to columns. The client's string
 * only ever selects an entry here; it never reaches SQL.
 */
export const SORT_COLUMNS = {
  createdAt: 'created_at',
  accountName: 'account_name',
  provider: 'provider',
} as const

export type SortKey = keyof typeof SORT_COLUMNS
export type SortColumn = (typeof SORT_COLUMNS)[SortKey]

/** Where a page starts: the sort value and id of the previous page's last row. */
export interface Cursor {
  readonly value: string
  readonly id: string
}

/** A validated list request. */
export interface ListQuery {
  /** Free text matched (case-insensitively) inside the account name. */
  readonly q: string | undefined
  readonly sort: SortKey
  readonly order: 'asc' | 'desc'
  readonly limit: number
  readonly cursor: Cursor | undefined
}

// Printable text only: NUL cannot travel to PostgreSQL, and control
// characters never belong in an account name search.
const searchText = z.string().max(100).regex(/^[^\p{Cc}]*$/u)

const cursorShape = z.strictObject({
  // Same rule as the search text: a forged NUL would reach PostgreSQL.
  v: z.string().max(200).regex(/^[^\p{Cc}]*$/u),
  id: z.uuid(),
})

const querySchema = z.strictObject({
  q: searchText.optional(),
  sort: z.enum(['createdAt', 'accountName', 'provider']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.string().regex(/^[1-9][0-9]{0,2}$/).default('20')
    .transform(Number).pipe(z.number().max(100)),
  cursor: z.string().max(400).regex(/^[A-Za-z0-9_-]+$/).optional(),
})

/**
 * Validates the query string of `GET /integrations`. Unknown parameters
 * (`tenantId`, for one) are refused, not ignored. Throws a `ZodError`
 * or a `RequestError` for a cursor this list did not make.
 *
 * @example
 * parseListQuery({ q: 'acme', sort: 'accountName', limit: '10' })
 */
export function parseListQuery(raw: unknown): ListQuery {
  const parsed = querySchema.parse(raw)
  const cursor = parsed.cursor === undefined
    ? undefined
    : decodeCursor(parsed.cursor, parsed.sort)
  return {
    q: parsed.q === '' ? undefined : parsed.q,
    sort: parsed.sort,
    order: parsed.order,
    limit: parsed.limit,
    cursor,
  }
}

/** Encodes where the next page starts as an opaque URL-safe string. */
export function encodeCursor(cursor: Cursor): string {
  const json = JSON.stringify({ v: cursor.value, id: cursor.id })
  return Buffer.from(json, 'utf8').toString('base64url')
}

function decodeCursor(text: string, sort: SortKey): Cursor {
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    json = undefined
  }
  const result = cursorShape.safeParse(json)
  const ok = result.success &&
    (sort !== 'createdAt' || isCursorTime(result.data.v))
  if (!result.success || !ok) {
    throw new RequestError(400, 'invalid_cursor',
      'cursor is not one this list handed out; start again without one.')
  }
  return { value: result.data.v, id: result.data.id }
}

/**
 * Whether `v` is a time exactly as `encodeCursor` writes one (ISO 8601,
 * UTC, milliseconds). Anything looser lets a forged cursor carry a date
 * PostgreSQL cannot hold (before 4713 BC), which would fail the query.
 */
function isCursorTime(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v)) return false
  const time = new Date(v)
  return !Number.isNaN(time.getTime()) && time.toISOString() === v
}

/**
 * Escapes the LIKE wildcards `%` and `_` and the escape character `\`, so
 * user text matches itself only. PostgreSQL's default LIKE escape
 * character is the backslash.
 *
 * @example
 * escapeLike('100%_off') // '100\\%\\_off'
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
