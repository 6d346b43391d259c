import { sql } from 'kysely'
import { createRoleStatement } from '../../rls/runtime-role'
import { type Statement } from '../../rls/run-statements'
import type { AuditFinding } from '../audit-types'
import type { DangerousPrivilegeRow } from '../catalog/roles'
import { displayName, finding, memberNames, type AuditContext } from './audit-context'
import { quoteName, quoteQualified } from '../../rls/sql-names'

const PRIVILEGE_SQL: Readonly<Record<string, Statement>> = {
  TRUNCATE: sql`truncate`,
  TRIGGER: sql`trigger`,
  REFERENCES: sql`references`,
}

/**
 * Checks the runtime role: it exists, is no superuser, has neither
 * BYPASSRLS nor CREATEROLE, belongs to no role that has them, owns no
 * tenant table (itself or through a role it belongs to), and holds no
 * TRUNCATE, TRIGGER or REFERENCES on one.
 */
export function checkRole(
  context: AuditContext,
  privileges: readonly DangerousPrivilegeRow[],
): AuditFinding[] {
  const { role } = context.options
  const id = quoteName(role)
  if (context.roles.length === 0) {
    return [finding('runtime-role-missing', 'role', role,
      `Role ${role} does not exist, so what the application can bypass is unknown.`,
      context.render(() => [createRoleStatement(role)]))]
  }
  const found: AuditFinding[] = []
  for (const r of context.roles) {
    if (r.self) {
      if (r.superuser) {
        found.push(finding('runtime-role-superuser', 'role', role,
          `Role ${role} is a superuser: row-level security never applies to it.`,
          context.render(() => [sql`alter role ${id} nosuperuser`])))
      }
      if (r.bypassrls) {
        found.push(finding('runtime-role-bypassrls', 'role', role,
          `Role ${role} has BYPASSRLS: row-level security never applies to it.`,
          context.render(() => [sql`alter role ${id} nobypassrls`])))
      }
      if (r.createrole) {
        found.push(finding('runtime-role-createrole', 'role', role,
          `Role ${role} has CREATEROLE: it can create roles and grant itself ` +
            'membership of other roles.',
          context.render(() => [sql`alter role ${id} nocreaterole`])))
      }
    } else if (r.superuser || r.bypassrls || r.createrole) {
      const what = [r.superuser && 'SUPERUSER', r.bypassrls && 'BYPASSRLS',
        r.createrole && 'CREATEROLE'].filter(Boolean).join(', ')
      found.push(finding('runtime-role-inherits-privileged', 'role', r.name,
        `Role ${role} is a member of ${r.name} (${what}): it can SET ROLE ` +
          `${r.name} and act with its rights.`,
        context.render(() => [sql`revoke ${quoteName(r.name)} from ${id}`])))
    }
  }
  return [...found, ...checkOwnership(context), ...checkPrivileges(context, privileges)]
}

function checkOwnership(context: AuditContext): AuditFinding[] {
  const { role } = context.options
  const members = memberNames(context)
  return context.tables.filter((t) => members.has(t.owner)).map((t) => {
    const name = displayName(t)
    const direct = t.owner === role
    // Quoted inside render: a name found in the catalogs may not be plain.
    const fix = (): Statement[] => [direct
      ? sql`alter table ${quoteQualified(t.schema, t.name)} owner to current_user`
      : sql`revoke ${quoteName(t.owner)} from ${quoteName(role)}`]
    const how = direct ? '' : ` through its membership of ${t.owner}`
    const runAs = direct ? ' Run the fix as the migration (owner) role.' : ''
    return finding('runtime-role-owns-table', 'table', name,
      `Role ${role} owns ${name}${how}: an owner can disable row-level ` +
        `security, drop FORCE and rewrite the policies.${runAs}`,
      context.render(fix), name)
  })
}

function checkPrivileges(
  context: AuditContext,
  rows: readonly DangerousPrivilegeRow[],
): AuditFinding[] {
  const { role } = context.options
  const members = memberNames(context)
  return rows.flatMap((row) => {
    const table = context.byOid.get(row.tableOid)
    if (table === undefined || members.has(table.owner)) return []
    const name = displayName(table)
    const list = sql.join(row.privileges.map((p) => PRIVILEGE_SQL[p] ?? sql`all`))
    const fix = (): Statement[] => [sql`revoke ${list}
      on table ${quoteQualified(table.schema, table.name)} from ${quoteName(role)}, public`]
    return [finding('runtime-role-dangerous-privilege', 'table', name,
      `Role ${role} holds ${row.privileges.join(', ')} on ${name} (granted to it, ` +
        'to PUBLIC or to a role it belongs to). TRUNCATE empties every ' +
        "tenant's rows regardless of policies; TRIGGER and REFERENCES let it " +
        "run code on or probe other tenants' rows.",
      context.render(fix), name)]
  })
}
