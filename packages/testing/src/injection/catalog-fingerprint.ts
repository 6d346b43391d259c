import { isQueryable, type Queryable } from '../queryable'
import { UsageError } from '../usage-error'
import { readCatalog } from './catalog-query'
import { isRoleKey } from './role-changes'

/**
 * Which role changes the schema oracle counts: `'payload'`, `'all'`, or a
 * filter that keeps some roles. See `FingerprintOptions.roles`.
 */
export type RoleScope = 'payload' | 'all' | ((name: string) => boolean)

export interface FingerprintOptions {
  /**
   * Which role changes count. Roles are cluster-wide: on a shared server
   * other test suites create and drop theirs while yours runs.
   *
   * - `'payload'`: only changes a payload could have made. A role that
   *   existed before changed its attributes (superuser, bypassrls,
   *   createrole, createdb, login, inherit) or memberships; a role appeared
   *   whose name one of the payloads creates (the corpus:
   *   `tk_injected_role`); one of `appRoles`, or the user the catalog or
   *   the session probe connects as, disappeared. Roles other sessions
   *   create meanwhile, and what they do with them, are ignored.
   * - `'all'`: every change to any role (the strict rule; it trips when
   *   another suite creates a role while yours runs).
   * - a function: only the roles it keeps, every change to them.
   *
   * @default 'payload'
   * @example (name) => name.startsWith('app_')
   */
  readonly roles?: RoleScope
  /**
   * The app's own roles (owner, runtime, ...). With `roles: 'payload'`,
   * dropping one counts as a change, like dropping the connection's user.
   * @default []
   * @example ['app_owner', 'app_runtime']
   */
  readonly appRoles?: readonly string[]
}

/**
 * Catalog entries by key, e.g. `table public.notes` -> its description,
 * plus how `diffCatalog` should judge its role entries.
 */
export interface CatalogFingerprint extends ReadonlyMap<string, string> {
  /** `'payload'` when read with `roles: 'payload'`, else `'strict'`. */
  readonly roleRule: 'payload' | 'strict'
  /** `appRoles` plus the current and session user that read it. */
  readonly watchedRoles: ReadonlySet<string>
}

class Fingerprint extends Map<string, string> implements CatalogFingerprint {
  readonly roleRule: 'payload' | 'strict'
  readonly watchedRoles: ReadonlySet<string>

  constructor(roleRule: 'payload' | 'strict', watchedRoles: ReadonlySet<string>) {
    super()
    this.roleRule = roleRule
    this.watchedRoles = watchedRoles
  }
}

/**
 * Reads a fingerprint of the catalog: schemas, tables (with their RLS
 * flags and grants), columns, functions, policies, triggers and roles.
 *
 * @example
 * const before = await fingerprintCatalog(adminPool)
 * // ... run something ...
 * diffCatalog(before, await fingerprintCatalog(adminPool)) // [] when unchanged
 */
export async function fingerprintCatalog(
  db: Queryable,
  options: FingerprintOptions = {},
): Promise<CatalogFingerprint> {
  if (!isQueryable(db)) {
    throw new UsageError('fingerprintCatalog', 'db has no query method',
      'pass a pg.Pool or client connected to the database as its owner')
  }
  checkFingerprintOptions('fingerprintCatalog', options)
  const scope = options.roles ?? 'payload'
  const keepRole = typeof scope === 'function' ? scope : () => true
  const watched = new Set(options.appRoles)
  const fingerprint = new Fingerprint(scope === 'payload' ? 'payload' : 'strict', watched)

  for (const row of await readCatalog(db)) {
    const key = String(row['key'])
    const value = String(row['value'] ?? '')
    if (key === 'reader') {
      watched.add(value)
      continue
    }
    if (isRoleKey(key) && !keepRole(key.slice(key.indexOf(' ') + 1))) continue
    fingerprint.set(key, value)
  }
  return fingerprint
}

/** Throws a `UsageError` for `roles` or `appRoles` it cannot use. */
export function checkFingerprintOptions(where: string, options: FingerprintOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new UsageError(where, 'the catalog options are not an object',
      "pass { roles: 'payload' } or leave them out")
  }
  const { roles, appRoles } = options
  if (roles !== undefined && roles !== 'payload' && roles !== 'all' &&
    typeof roles !== 'function') {
    throw new UsageError(where, `roles is ${JSON.stringify(roles)}`,
      "pass 'payload' (the default), 'all', or (name) => boolean")
  }
  const names: unknown = appRoles
  if (names !== undefined &&
    (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || n === ''))) {
    throw new UsageError(where, 'appRoles is not a list of role names',
      "pass names such as ['app_owner', 'app_runtime']")
  }
}
