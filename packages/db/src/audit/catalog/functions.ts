import { sql, type Kysely } from 'kysely'

/** A SECURITY DEFINER function or procedure. */
export interface DefinerFunctionRow {
  /** `schema.name(argument types)`, unquoted, for display. */
  readonly object: string
  /** Whether it lives in one of the audited schemas. */
  readonly audited: boolean
  readonly language: string
  readonly source: string | null
  /** Whether `proconfig` pins `search_path`. */
  readonly fixedSearchPath: boolean
  /** Oids of relations its body depends on (SQL-standard bodies only). */
  readonly refs: readonly string[]
  /** `alter function ... security invoker;`, quoted by PostgreSQL. */
  readonly fixInvoker: string
  /** `alter function ... set search_path = ...;`, quoted by PostgreSQL. */
  readonly fixSearchPath: string
}

/**
 * Loads the SECURITY DEFINER functions of every non-system schema (one in
 * any schema can reach a tenant table), leaving out those installed by
 * extensions. PostgreSQL quotes the names in the fixes.
 */
export async function loadDefinerFunctions<DB>(
  db: Kysely<DB>,
  schemas: readonly string[],
): Promise<DefinerFunctionRow[]> {
  const { rows } = await sql<DefinerFunctionRow>`
    with f as (
      select p.oid, p.prosrc, p.proconfig, l.lanname,
        n.nspname = any(${schemas}::text[]) as audited,
        n.nspname || '.' || p.proname || '('
          || pg_get_function_identity_arguments(p.oid) || ')' as object,
        format('%s %I.%I(%s)',
          case p.prokind when 'p' then 'procedure' else 'function' end,
          n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as target
      from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace
      join pg_language l on l.oid = p.prolang
      where p.prosecdef
        and n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname !~ '^pg_toast'
        and not exists (select 1 from pg_depend e
          where e.classid = 'pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')
    )
    select f.object, f.audited, f.lanname::text as language, f.prosrc as source,
      exists (select 1 from unnest(coalesce(f.proconfig, '{}')) c
        where c like 'search_path=%') as "fixedSearchPath",
      array(select distinct d.refobjid::text from pg_depend d
        where d.classid = 'pg_proc'::regclass and d.objid = f.oid
          and d.refclassid = 'pg_class'::regclass) as refs,
      format('alter %s security invoker;', f.target) as "fixInvoker",
      format('alter %s set search_path = pg_catalog, pg_temp;', f.target) as "fixSearchPath"
    from f
    order by f.object`.execute(db)
  return rows
}
