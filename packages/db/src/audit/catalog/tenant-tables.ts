import { sql, type Kysely } from 'kysely'
import type { ResolvedAuditOptions } from '../audit-options'

/** A tenant table (or partition) as the catalogs describe it. */
export interface TenantTableRow {
  readonly oid: string
  readonly schema: string
  readonly name: string
  /** `r` for a table, `p` for a partitioned table. */
  readonly kind: 'r' | 'p'
  readonly rls: boolean
  readonly forced: boolean
  /** `schema.table` of the parent when this is a partition or child. */
  readonly parent: string | null
  readonly owner: string
  /** Attribute number of the tenant column, null when it has none. */
  readonly tenantAttnum: number | null
  readonly hasTenantIndex: boolean
  readonly publicPrivileges: readonly string[]
}

/**
 * Finds the tenant tables: every table in the audited schemas with the
 * tenant column, the tables the caller listed, and all their partitions
 * and inheritance children, wherever they live.
 */
export async function loadTenantTables<DB>(
  db: Kysely<DB>,
  options: ResolvedAuditOptions,
): Promise<TenantTableRow[]> {
  const column = options.tenant.column
  const listedSchemas = options.tables.map((t) => t.schema)
  const listedNames = options.tables.map((t) => t.name)
  const { rows } = await sql<TenantTableRow>`
    with recursive base as (
      select c.oid from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = any(${options.schemas}::text[])
        and exists (
          select 1 from pg_attribute a
          where a.attrelid = c.oid and a.attname = ${column}
            and a.attnum > 0 and not a.attisdropped)
      union
      select c.oid from unnest(${listedSchemas}::text[], ${listedNames}::text[])
        as listed(schema, name)
      join pg_namespace n on n.nspname = listed.schema
      join pg_class c on c.relnamespace = n.oid and c.relname = listed.name
      where c.relkind in ('r', 'p')
    ), tree as (
      select oid from base
      union
      select i.inhrelid from pg_inherits i join tree on i.inhparent = tree.oid
    )
    select c.oid::text as oid, n.nspname::text as schema, c.relname::text as name,
      c.relkind::text as kind, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
      (select pn.nspname || '.' || p.relname from pg_inherits i
        join pg_class p on p.oid = i.inhparent
        join pg_namespace pn on pn.oid = p.relnamespace
        where i.inhrelid = c.oid limit 1) as parent,
      pg_get_userbyid(c.relowner)::text as owner,
      a.attnum::int as "tenantAttnum",
      exists (select 1 from pg_index i
        where i.indrelid = c.oid and i.indkey[0] = a.attnum) as "hasTenantIndex",
      array(select distinct x.privilege_type::text from aclexplode(c.relacl) x
        where x.grantee = 0 order by 1) as "publicPrivileges"
    from tree
    join pg_class c on c.oid = tree.oid and c.relkind in ('r', 'p')
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attribute a on a.attrelid = c.oid and a.attname = ${column}
      and a.attnum > 0 and not a.attisdropped
    order by n.nspname, c.relname`.execute(db)
  return rows
}
