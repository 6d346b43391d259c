import { sql, type Kysely } from 'kysely'

/** A view or materialized view and the relations it reads. */
export interface ViewRow {
  readonly oid: string
  readonly schema: string
  readonly name: string
  /** `v` view, `m` materialized view. */
  readonly kind: 'v' | 'm'
  readonly securityInvoker: boolean
  /** Whether the runtime role (or PUBLIC) can select from it. */
  readonly readable: boolean
  /** Oids of the relations its query references. */
  readonly refs: readonly string[]
}

/**
 * Loads every view and materialized view outside the system schemas (a
 * view in any schema can expose a tenant table), with what it reads.
 */
export async function loadViews<DB>(
  db: Kysely<DB>,
  role: string,
  roleExists: boolean,
): Promise<ViewRow[]> {
  const { rows } = await sql<ViewRow>`
    select v.oid::text as oid, n.nspname::text as schema, v.relname::text as name,
      v.relkind::text as kind,
      exists (select 1 from unnest(coalesce(v.reloptions, '{}')) o
        where lower(o) in ('security_invoker=true', 'security_invoker=on',
          'security_invoker=yes', 'security_invoker=1')) as "securityInvoker",
      case when ${roleExists} then has_table_privilege(${role}, v.oid, 'SELECT')
        else true end as readable,
      array(select distinct d.refobjid::text from pg_rewrite rw
        join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = rw.oid
          and d.refclassid = 'pg_class'::regclass and d.refobjid <> v.oid
        where rw.ev_class = v.oid) as refs
    from pg_class v
    join pg_namespace n on n.oid = v.relnamespace
    where v.relkind in ('v', 'm')
      and n.nspname not in ('pg_catalog', 'information_schema')
      and n.nspname !~ '^pg_toast'
    order by n.nspname, v.relname`.execute(db)
  return rows
}
