import { isQueryable, type Queryable } from '../queryable'
import { UsageError } from '../usage-error'

/** Who a pooled connection is and which tenant it is set to. */
export type SessionState = Readonly<Record<string, string | null>>

export interface SessionProbeOptions {
  /**
   * Settings to read besides the role, e.g. the tenant setting.
   * @default ['app.tenant_id']
   */
  readonly settings?: readonly string[]
}

const SETTING = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/

/**
 * Builds a probe that reads the session state of a connection: current and
 * session user, the `role` setting, `search_path`, `row_security` and the
 * given settings. Give it the app's pool at `max: 1` so it reads the very
 * connection the code under test just used.
 *
 * @example
 * const pool = new pg.Pool({ connectionString: appUrl, max: 1 })
 * const session = createSessionProbe(pool)
 * await runInjectionSuite({ ..., session })
 */
export function createSessionProbe(
  db: Queryable,
  options: SessionProbeOptions = {},
): () => Promise<SessionState> {
  if (!isQueryable(db)) {
    throw new UsageError('createSessionProbe', 'db has no query method',
      'pass the pg.Pool (max: 1) the code under test uses')
  }
  const settings = options.settings ?? ['app.tenant_id']
  const bad = settings.find((s) => !SETTING.test(s))
  if (bad !== undefined) {
    throw new UsageError('createSessionProbe', `${JSON.stringify(bad)} is not a setting name`,
      "pass names such as 'app.tenant_id'")
  }
  const reads = settings.map((_, i) => `current_setting($${i + 1}, true) as "s${i}"`)
  const text = `select current_user::text as current_user, session_user::text as session_user,
    current_setting('role') as role, current_setting('search_path') as search_path,
    current_setting('row_security') as row_security${reads.map((r) => `, ${r}`).join('')}`

  return async () => {
    const { rows } = await db.query(text, [...settings])
    const row = rows[0] ?? {}
    const state: Record<string, string | null> = {
      current_user: asText(row['current_user']),
      session_user: asText(row['session_user']),
      role: asText(row['role']),
      search_path: asText(row['search_path']),
      row_security: asText(row['row_security']),
    }
    // A setting never set reads as NULL, one set and cleared as ''; both mean "none".
    settings.forEach((name, i) => {
      state[name] = asText(row[`s${i}`]) || null
    })
    return state
  }
}

function asText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value)
}
