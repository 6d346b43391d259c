import type { CatalogFingerprint } from './catalog-fingerprint'

/** What the payload rule needs to judge one changed role entry. */
export interface RoleContext {
  /** Roles that existed when watching began. */
  readonly known: ReadonlySet<string>
  /** The fingerprint after the change: which roles exist now. */
  readonly after: CatalogFingerprint
  /** Roles whose disappearance counts. */
  readonly watched: ReadonlySet<string>
  /** Roles the payloads that ran would create. */
  readonly created: ReadonlySet<string>
}

/** `role x` and `role-setting x` entries. */
export function isRoleKey(key: string): boolean {
  return key.startsWith('role ') || key.startsWith('role-setting ')
}

/**
 * Whether a change to a role entry could come from a payload rather than
 * from another session on the same server (roles are cluster-wide):
 *
 * - a new role counts when a payload would create one of that name;
 * - a removed role counts when it is watched (the app's roles, the
 *   connection's own users);
 * - a role that existed when watching began counts when its attributes
 *   change, when it joins a role that existed then, a built-in `pg_*`
 *   role, one a payload would create or a superuser or BYPASSRLS one, or
 *   when it leaves one of those that still exists;
 * - role settings count for `ALTER ROLE ALL` and for roles that count.
 *
 * Roles other sessions create meanwhile, and what happens to them, do not;
 * nor does a role from before joining one of them (PostgreSQL 16 grants
 * every role a non-superuser creates to its creator).
 */
export function roleChangeCounts(
  key: string,
  old: string | undefined,
  now: string | undefined,
  context: RoleContext,
): boolean {
  const name = key.slice(key.indexOf(' ') + 1)
  const relevant = (role: string): boolean =>
    context.known.has(role) || context.created.has(role) || role.startsWith('pg_')

  if (key.startsWith('role-setting ')) {
    return name === '*' || context.created.has(name) || context.watched.has(name) ||
      (context.known.has(name) && context.after.has(`role ${name}`))
  }
  if (old === undefined) return context.created.has(name)
  if (now === undefined) return context.watched.has(name)
  if (!relevant(name) && !context.watched.has(name)) return false

  const was = parseRole(old)
  const is = parseRole(now)
  if (was.flags !== is.flags) return true
  const joined = is.groups.filter((g) => !was.groups.includes(g))
  const left = was.groups.filter((g) => !is.groups.includes(g))
  const exists = (g: string): boolean =>
    g.startsWith('pg_') || context.after.has(`role ${g}`)
  return joined.some((g) => relevant(g) || isPrivileged(context.after.get(`role ${g}`))) ||
    left.some((g) => relevant(g) && exists(g))
}

const MEMBER_OF = 'member-of='
const PRIVILEGED = new Set(['superuser', 'bypassrls'])

/** A role entry's value: its flags, and the roles it is a member of. */
function parseRole(value: string): { flags: string; groups: string[] } {
  const at = value.indexOf(MEMBER_OF)
  if (at < 0) return { flags: value.trim(), groups: [] }
  const list = value.slice(at + MEMBER_OF.length)
  // quote_ident() output: plain names, or "quoted ""like"" this".
  const groups = [...list.matchAll(/"((?:[^"]|"")*)"|([^,]+)/g)]
    .map((m) => m[1] === undefined ? m[2] ?? '' : m[1].replaceAll('""', '"'))
  return { flags: value.slice(0, at).trim(), groups }
}

function isPrivileged(value: string | undefined): boolean {
  if (value === undefined) return false
  return parseRole(value).flags.split(' ').some((flag) => PRIVILEGED.has(flag))
}
