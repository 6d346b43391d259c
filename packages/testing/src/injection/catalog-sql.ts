// The catalog query behind fingerprintCatalog: one statement, one round
// trip, every section as (key, value) rows. Role memberships list
// quote_ident()ed names so the diff can split them back; the two 'reader'
// rows name who ran the query.

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'`

/** Every section of the fingerprint as `(key, value)` rows. */
export const CATALOG_SQL: string = `
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
           select string_agg(quote_ident(g.rolname), ',' order by g.rolname)
             from pg_auth_members m join pg_roles g on g.oid = m.roleid
            where m.member = r.oid), ''))
  from pg_roles r where r.rolname not like 'pg\\_%'
union all
select 'role-setting ' || coalesce(r.rolname, '*'), array_to_string(s.setconfig, ',')
  from pg_db_role_setting s left join pg_roles r on r.oid = s.setrole
 where s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
union all
select 'reader', session_user::text
union all
select 'reader', current_user::text
`
