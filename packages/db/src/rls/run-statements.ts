import type { Kysely, RawBuilder } from 'kysely'

/** One DDL statement, built with Kysely's `sql` tag. */
export type Statement = RawBuilder<unknown>

/**
 * Runs statements one after another on `db`. Inside Kysely's Migrator, `db`
 * is the migration's transaction, so a failure undoes every statement.
 */
export async function runStatements<DB>(
  db: Kysely<DB>,
  statements: readonly Statement[],
): Promise<void> {
  for (const statement of statements) await statement.execute(db)
}

/**
 * Renders statements as SQL text, for example to show the fix of an audit
 * finding. Every builder inlines its values, so the text runs as is.
 */
export function renderStatements<DB>(
  db: Kysely<DB>,
  statements: readonly Statement[],
): string {
  // The builders span lines for reading; a fix is one line per statement.
  const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ')
  return statements.map((s) => `${oneLine(s.compile(db).sql)};`).join('\n')
}

