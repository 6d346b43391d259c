import { sql, type Kysely } from 'kysely'

/** The runtime role, or a role it is a member of. */
export interface RoleRow {
  readonly name: string
  readonly superuser: boolean
  readonly bypassrls: boolean
  readonly createrole: boolean
  /** True for the runtime role itself. */
  readonly self: boolean
}

/** Privileges the runtime role should never hold on a tenant table. */
export interface DangerousPrivilegeRow {
  readonly tableOid: string
  readonly privileges: readonly string[]
}

/**
 * Loads the runtime role and every role it is a member of, directly or
 * not. Empty when the role does not exist.
 */
export async function loadRoles<DB>(db: Kysely<DB>, role: string): Promise<RoleRow[]> {
  const { rows } = await sql<RoleRow>`
    select r.rolname::text as name, r.rolsuper as superuser,
      r.rolbypassrls as bypassrls, r.rolcreaterole as createrole,
      r.oid = me.oid as self
    from pg_roles me
    join pg_roles r on pg_has_role(me.oid, r.oid, 'MEMBER')
    where me.rolname = ${role}
    order by r.oid <> me.oid, r.rolname`.execute(db)
  return rows
}

/**
 * TRUNCATE, TRIGGER and REFERENCES (on the table or any column) the role
 * holds on each table, whether granted to it, to a role it belongs to, or
 * to PUBLIC.
 */
export async function loadDangerousPrivileges<DB>(
  db: Kysely<DB>,
  role: string,
  tableOids: readonly string[],
): Promise<DangerousPrivilegeRow[]> {
  const { rows } = await sql<DangerousPrivilegeRow>`
    select t.oid::text as "tableOid", array(
      select p from unnest(array['TRUNCATE', 'TRIGGER']) p
      where has_table_privilege(${role}, t.oid, p)
      union all
      -- REFERENCES may be granted on single columns too.
      select 'REFERENCES' where has_any_column_privilege(${role}, t.oid, 'REFERENCES')
    ) as privileges
    from unnest(${tableOids}::oid[]) as t(oid)`.execute(db)
  return rows.filter((r) => r.privileges.length > 0)
}
