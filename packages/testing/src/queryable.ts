/** What the kit needs from a connection: `pg.Pool` and `pg.Client` fit. */
export interface Queryable {
  query(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: Array<Record<string, unknown>>; rowCount: number | null }>
}

/** Checks that `value` can run queries, for option validation. */
export function isQueryable(value: unknown): value is Queryable {
  return typeof value === 'object' && value !== null &&
    typeof (value as { query?: unknown }).query === 'function'
}
