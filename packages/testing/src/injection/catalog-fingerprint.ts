import type { Queryable } from '../queryable'

/** Catalog entries by key, e.g. `table public.notes` -> its description. */
export type CatalogFingerprint = ReadonlyMap<string, string>

export interface FingerprintOptions {
  /**
   * Which roles to include. Roles are cluster-wide: on a server shared with
   * suites that create roles in parallel, keep only the ones you care about.
   * @default every role except the built-in pg_* ones
   * @example (name) => name.startsWith('app_')
   */
  readonly roles?: (name: string) => boolean
}

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'`

// One round trip: every section as (key, description) rows.
const CATALOG_SQL = `
select 'schema ' || n.nspname as key,
       pg_get_userbyid(n.nspowner) || ' ' || coalesce(n.nspacl::text, '') as value
  from pg_namespace n where ${USER_SCHEMAS}
union all
select 'table ' || n.nspname || '.' || c.relname,
       c.relkind::text || ' rls=' || c.relrowsecurity || ' force=' || c.relforcerowsecurity ||
       ' owner=' || pg_get_userbyid(c.relowner) || ' acl=' || coalesce(c.relacl::text, '')
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('r', 'p', 'v', 'm', 'f') and ${USER_SCHEMAS}
union all
select 'column ' || n.nspname || '.' || c.relname || '.' || a.attname,
       format_type(a.atttypid, a.atttypmod) ||
       case when a.attnotnull then ' not null' else '' end ||
       coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
 where a.attnum > 0 and not a.attisdropped
   and c.relkind in ('r', 'p', 'v', 'm', 'f') and ${USER_SCHEMAS}
union all
select 'function ' || n.nspname || '.' || p.proname ||
       '(' || pg_get_function_identity_arguments(p.oid) || ')',
       md5(coalesce(p.prosrc, '')) || ' secdef=' || p.prosecdef ||
       ' owner=' || pg_get_userbyid(p.proowner) || ' acl=' || coalesce(p.proacl::text, '')
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
 where ${USER_SCHEMAS}
union all
select 'policy ' || schemaname || '.' || tablename || '.' || policyname,
       permissive || ' ' || cmd || ' ' || roles::text ||
       ' using=' || coalesce(qual, '') || ' check=' || coalesce(with_check, '')
  from pg_policies
union all
select 'trigger ' || t.tgrelid::regclass::text || '.' || t.tgname, pg_get_triggerdef(t.oid)
  from pg_trigger t where not t.tgisinternal
union all
select 'role ' || r.rolname,
       concat_ws(' ',
         case when r.rolsuper then 'superuser' end,
         case when r.rolbypassrls then 'bypassrls' end,
         case when r.rolcreaterole then 'createrole' end,
         case when r.rolcreatedb then 'createdb' end,
         case when r.rolcanlogin then 'login' end,
         case when not r.rolinherit then 'noinherit' end,
         'member-of=' || coalesce((
           select string_agg(g.rolname, ',' order by g.rolname)
             from pg_auth_members m join pg_roles g on g.oid = m.roleid
            where m.member = r.oid), ''))
  from pg_roles r where r.rolname not like 'pg\\_%'
union all
select 'role-setting ' || coalesce(r.rolname, '*'), array_to_string(s.setconfig, ',')
  from pg_db_role_setting s left join pg_roles r on r.oid = s.setrole
 where s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
`

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
  const { rows } = await db.query(CATALOG_SQL)
  const keepRole = options.roles ?? (() => true)
  const entries = new Map<string, string>()
  for (const row of rows) {
    const key = String(row['key'])
    const isRole = key.startsWith('role ') || key.startsWith('role-setting ')
    if (isRole && !keepRole(key.slice(key.indexOf(' ') + 1))) continue
    entries.set(key, String(row['value'] ?? ''))
  }
  return entries
}

/**
 * What changed between two fingerprints, one line per entry: `+ table
 * public.x` (added), `- policy public.notes.p` (removed), `~ role app`
 * (changed).
 *
 * @example
 * diffCatalog(before, after)
 * // ['+ table public.tk_injected_table', '- policy public.notes.notes_tenant']
 */
export function diffCatalog(before: CatalogFingerprint, after: CatalogFingerprint): string[] {
  const changes: string[] = []
  for (const [key, value] of after) {
    const old = before.get(key)
    if (old === undefined) changes.push(`+ ${key}`)
    else if (old !== value) changes.push(`~ ${key}: ${old} -> ${value}`)
  }
  for (const key of before.keys()) if (!after.has(key)) changes.push(`- ${key}`)
  return changes.sort()
}
