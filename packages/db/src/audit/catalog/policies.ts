import { sql, type Kysely } from 'kysely'

/** A row-level security policy on a tenant table. */
export interface PolicyRow {
  readonly tableOid: string
  readonly name: string
  /** `r` select, `a` insert, `w` update, `d` delete, `*` all. */
  readonly command: 'r' | 'a' | 'w' | 'd' | '*'
  readonly permissive: boolean
  /** Role names the policy applies to; `public` means every role. */
  readonly roles: readonly string[]
  /** Deparsed USING expression, null when absent. */
  readonly using: string | null
  /** Deparsed WITH CHECK expression, null when absent. */
  readonly check: string | null
}

/** Loads the policies of the given tables. */
export async function loadPolicies<DB>(
  db: Kysely<DB>,
  tableOids: readonly string[],
): Promise<PolicyRow[]> {
  const { rows } = await sql<PolicyRow>`
    select p.polrelid::text as "tableOid", p.polname::text as name,
      p.polcmd::text as command, p.polpermissive as permissive,
      array(select case when r = 0 then 'public' else pg_get_userbyid(r)::text end
        from unnest(p.polroles) r) as roles,
      pg_get_expr(p.polqual, p.polrelid) as using,
      pg_get_expr(p.polwithcheck, p.polrelid) as check
    from pg_policy p
    where p.polrelid = any(${tableOids}::oid[])
    order by p.polname`.execute(db)
  return rows
}
