import { sql, type Kysely } from 'kysely'
import { describe, type PoolStats } from '../pool/managed-pool'

/** What `health()` found. */
export interface DatabaseHealth {
  /** The server answered and the runtime role cannot bypass RLS. */
  readonly ok: boolean
  /** Pool counters; undefined for a database built on a dialect. */
  readonly pool: PoolStats | undefined
  readonly server: {
    readonly ok: boolean
    /** Time taken by the ping, in milliseconds. */
    readonly latencyMillis: number
    /** The error kind when the ping failed (never its message). */
    readonly error?: Readonly<Record<string, unknown>>
  }
  /** The role tenant statements run as, when the server answered. */
  readonly role?: {
    readonly name: string
    /** Superuser or BYPASSRLS: row-level security would not apply. */
    readonly bypassesRls: boolean
  }
}

interface RoleRow {
  name: string
  bypasses: boolean
}

/**
 * Pings the server and checks the role tenant statements run as: one
 * query, bounded by `timeoutMillis`.
 */
export async function checkHealth<DB>(
  db: Kysely<DB>,
  runtimeRole: string | undefined,
  stats: () => PoolStats | undefined,
  timeoutMillis: number,
): Promise<DatabaseHealth> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    const ping = sql<RoleRow>`
      select r.rolname as name, (r.rolsuper or r.rolbypassrls) as bypasses
      from pg_catalog.pg_roles r
      where r.rolname = coalesce(${runtimeRole ?? null}::text, current_user)`.execute(db)
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HealthTimeout()), timeoutMillis)
    })
    const { rows } = await Promise.race([ping, timeout])
    const latencyMillis = performance.now() - started
    const row = rows[0]
    const role = row && { name: row.name, bypassesRls: row.bypasses }
    return {
      ok: role !== undefined && !role.bypassesRls,
      pool: stats(),
      server: { ok: true, latencyMillis },
      ...(role ? { role } : {}),
    }
  } catch (error) {
    const latencyMillis = performance.now() - started
    const server = { ok: false, latencyMillis, error: describe(error) }
    return { ok: false, pool: stats(), server }
  } finally {
    clearTimeout(timer)
  }
}

class HealthTimeout extends Error {
  override readonly name = 'HealthTimeout'
}
