import { UsageError } from '../usage-error'
import type { CatalogFingerprint } from './catalog-fingerprint'
import { injectionPayloads } from './corpus/index'
import type { InjectionPayload } from './payload'
import { rolesCreatedBy } from './payload-roles'
import { isRoleKey, roleChangeCounts, type RoleContext } from './role-changes'

export interface DiffCatalogOptions {
  /**
   * The fingerprint taken when watching began, e.g. before the first
   * payload of a suite. Roles in it existed before; roles created since
   * by other sessions, and their later changes, are theirs. Used when both
   * fingerprints were read with `roles: 'payload'`.
   * @default before
   */
  readonly since?: CatalogFingerprint
  /**
   * The payloads that ran: a new role counts when one of them creates a
   * role of that name (`CREATE ROLE`, `CREATE USER`, `RENAME TO`).
   * @default injectionPayloads() (which creates tk_injected_role)
   */
  readonly payloads?: readonly InjectionPayload[]
}

let corpus: readonly InjectionPayload[] | undefined

/**
 * What changed between two fingerprints, one line per entry: `+ table
 * public.x` (added), `- policy public.notes.p` (removed), `~ role app`
 * (changed). Role entries follow the fingerprints' `roles` option: by
 * default only changes a payload could have made are listed.
 *
 * @example
 * diffCatalog(before, after)
 * // ['+ table public.tk_injected_table', '- policy public.notes.notes_tenant']
 */
export function diffCatalog(
  before: CatalogFingerprint,
  after: CatalogFingerprint,
  options: DiffCatalogOptions = {},
): string[] {
  const since: unknown = options.since
  if (!(before instanceof Map) || !(after instanceof Map) ||
    (since !== undefined && !(since instanceof Map))) {
    throw new UsageError('diffCatalog', 'before, after and since must be fingerprints',
      'pass results of fingerprintCatalog(db)')
  }
  let context: RoleContext | undefined
  const judged = before.roleRule === 'payload' && after.roleRule === 'payload'
  const counts = (key: string, old?: string, now?: string): boolean => {
    if (!judged || !isRoleKey(key)) return true
    context ??= roleContext(before, after, options)
    return roleChangeCounts(key, old, now, context)
  }

  const changes: string[] = []
  for (const [key, value] of after) {
    const old = before.get(key)
    if (old === undefined) {
      if (counts(key, undefined, value)) changes.push(`+ ${key}`)
    } else if (old !== value && counts(key, old, value)) {
      changes.push(`~ ${key}: ${old} -> ${value}`)
    }
  }
  for (const [key, old] of before) {
    if (!after.has(key) && counts(key, old, undefined)) changes.push(`- ${key}`)
  }
  return changes.sort()
}

function roleContext(
  before: CatalogFingerprint,
  after: CatalogFingerprint,
  options: DiffCatalogOptions,
): RoleContext {
  const since = options.since ?? before
  const known = new Set<string>()
  for (const key of since.keys()) if (key.startsWith('role ')) known.add(key.slice(5))
  const payloads = options.payloads ?? (corpus ??= injectionPayloads())
  return {
    known,
    after,
    watched: new Set([...since.watchedRoles ?? [], ...before.watchedRoles ?? []]),
    created: rolesCreatedBy(payloads),
  }
}
