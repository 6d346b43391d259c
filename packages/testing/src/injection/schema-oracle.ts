import type { Queryable } from '../queryable'
import { diffCatalog } from './catalog-diff'
import { fingerprintCatalog, type FingerprintOptions } from './catalog-fingerprint'
import type { InjectionPayload } from './payload'

/** The `catalog` option of a suite, in its object form. */
export type CatalogTarget = { readonly db: Queryable } & FingerprintOptions

/** Reads the catalog after each call and says what changed since the last. */
export interface SchemaOracle {
  /** What changed, for the report; undefined when nothing counts. */
  check(): Promise<string | undefined>
}

/**
 * Takes the first fingerprint of a suite. With the default `roles:
 * 'payload'` the roles it holds are the ones that existed before; the app
 * user the session probe read (`session`) is watched like `appRoles`.
 */
export async function startSchemaOracle(
  target: CatalogTarget,
  session: unknown,
  payloads: readonly InjectionPayload[],
): Promise<SchemaOracle> {
  const options: FingerprintOptions = {
    ...(target.roles === undefined ? {} : { roles: target.roles }),
    appRoles: [...target.appRoles ?? [], ...usersOf(session)],
  }
  const since = await fingerprintCatalog(target.db, options)
  let previous = since
  return {
    async check() {
      const now = await fingerprintCatalog(target.db, options)
      const changes = diffCatalog(previous, now, { since, payloads })
      previous = now
      return changes.length > 0 ? changes.slice(0, 5).join('; ') : undefined
    },
  }
}

/** `current_user` and `session_user` of a `createSessionProbe` reading. */
function usersOf(state: unknown): string[] {
  if (typeof state !== 'object' || state === null) return []
  const read = state as Record<string, unknown>
  return [read['current_user'], read['session_user']]
    .filter((user): user is string => typeof user === 'string' && user !== '')
}
