import type { InjectionPayload } from './payload'

// CREATE ROLE/USER/GROUP <name>, and ... RENAME TO <name>.
const NAMES_A_ROLE = new RegExp(
  String.raw`\b(?:create\s+(?:role|user|group)|rename\s+to)` +
  String.raw`\s+("(?:[^"]|"")+"|[\p{L}_][\p{L}\p{N}_$]*)`,
  'giu',
)

const cache = new WeakMap<readonly InjectionPayload[], ReadonlySet<string>>()

/**
 * Names of the roles these payloads would create (or rename a role to)
 * if they ran as SQL, spelled as PostgreSQL stores them: unquoted names
 * folded to lower case, quoted ones as written. The corpus yields
 * `tk_injected_role`. Computed once per payload array.
 *
 * @example
 * rolesCreatedBy(injectionPayloads()) // Set { 'tk_injected_role' }
 */
export function rolesCreatedBy(
  payloads: readonly InjectionPayload[],
): ReadonlySet<string> {
  const known = cache.get(payloads)
  if (known !== undefined) return known

  const names = new Set<string>()
  for (const { value } of payloads) {
    for (const match of value.matchAll(NAMES_A_ROLE)) {
      const name = match[1] ?? ''
      names.add(name.startsWith('"')
        ? name.slice(1, -1).replaceAll('""', '"')
        : name.toLowerCase())
    }
  }
  cache.set(payloads, names)
  return names
}
