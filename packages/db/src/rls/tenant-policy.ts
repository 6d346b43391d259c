import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { ConfigurationIssue } from '../errors/configuration-error'
import { checkIdentifier } from './identifiers'
import { runStatements, type Statement } from './run-statements'
import {
  assertObject,
  checkTenantTable,
  defaultName,
  throwIssues,
  type ResolvedTenantTable,
  type TenantTableOptions,
} from './tenant-table-options'
import {
  castType,
  quoteColumn,
  quoteName,
  quoteQualified,
  settingLiteral,
} from './sql-names'

/** Options of `createTenantPolicy` and `dropTenantPolicy`. */
export interface TenantPolicyOptions extends TenantTableOptions {
  /**
   * Name of the policy.
   * @default '<table>_tenant_isolation'
   */
  readonly policyName?: string
  /**
   * Roles the policy applies to. Everyone else sees no rows once FORCE is
   * on, which is what the owner connection of migrations wants.
   * @default ['public'] (every role)
   * @example ['app_runtime']
   */
  readonly roles?: readonly string[]
}

interface ResolvedPolicy extends ResolvedTenantTable {
  readonly policyName: string
  readonly roles: readonly string[]
}

/**
 * Creates the tenant policy: rows are visible (USING) and writable (WITH
 * CHECK) only when their tenant column equals the tenant setting. An unset
 * setting reads as '' or NULL, which `nullif` turns into NULL: no row
 * matches, so a connection without a tenant sees and writes nothing. The
 * `(select ...)` makes PostgreSQL read the setting once per statement.
 *
 * @example
 * await createTenantPolicy(db, { table: 'orders' })
 * // create policy "orders_tenant_isolation" on "public"."orders"
 * //   using ("tenant_id" = (select nullif(
 * //     current_setting('app.tenant_id', true), '')::"pg_catalog"."uuid"))
 * //   with check (...same...)
 */
export async function createTenantPolicy<DB>(
  db: Kysely<DB>,
  options: TenantPolicyOptions,
): Promise<void> {
  const policy = resolvePolicy('createTenantPolicy', options)
  await runStatements(db, [createPolicyStatement(policy, policy.policyName, policy.roles)])
}

/**
 * Undoes `createTenantPolicy`.
 *
 * @example
 * await dropTenantPolicy(db, { table: 'orders' })
 */
export async function dropTenantPolicy<DB>(
  db: Kysely<DB>,
  options: TenantPolicyOptions,
): Promise<void> {
  const policy = resolvePolicy('dropTenantPolicy', options)
  await runStatements(db, [dropPolicyStatement(policy)])
}

/**
 * The tenant predicate: `"tenant_id" = (select nullif(current_setting(
 * 'app.tenant_id', true), '')::uuid)`.
 */
export function tenantPredicate(table: ResolvedTenantTable): RawBuilder<boolean> {
  const cast = castType(table.castType)
  const setting = sql`nullif(current_setting(${settingLiteral(table.setting)}, true), '')`
  return sql<boolean>`${quoteColumn(table.column)} = (select ${setting}::${cast})`
}

/** `create policy ... using (...) with check (...)`. */
export function createPolicyStatement(
  table: ResolvedTenantTable,
  policyName: string = defaultPolicyName(table),
  roles: readonly string[] = ['public'],
): Statement {
  const predicate = tenantPredicate(table)
  const to = sql.join(roles.map((r) => (r === 'public' ? sql`public` : quoteName(r))))
  return sql`create policy ${quoteName(policyName)} on ${quoteQualified(table.schema, table.table)}
    as permissive for all to ${to}
    using (${predicate}) with check (${predicate})`
}

/** `drop policy ... on ...`. */
export function dropPolicyStatement(policy: {
  readonly schema: string
  readonly table: string
  readonly policyName: string
}): Statement {
  const on = quoteQualified(policy.schema, policy.table)
  return sql`drop policy ${quoteName(policy.policyName)} on ${on}`
}

/** The policy name used when none is given: `<table>_tenant_isolation`. */
export function defaultPolicyName(table: ResolvedTenantTable): string {
  return defaultName(table, 'tenant_isolation')
}

function resolvePolicy(where: string, options: TenantPolicyOptions): ResolvedPolicy {
  const issues: ConfigurationIssue[] = []
  const table = checkTenantTable(assertObject(where, options), issues)
  const policyName = checkIdentifier(
    options.policyName ?? defaultPolicyName(table),
    'policyName',
    issues,
  )
  const roles = options.roles ?? ['public']
  if (!Array.isArray(roles) || roles.length === 0) {
    issues.push({ path: 'roles', message: 'must be a non-empty array of role names' })
  } else {
    roles.forEach((r, i) => {
      if (r !== 'public') checkIdentifier(r, `roles[${i}]`, issues)
    })
  }
  throwIssues(where, issues)
  return { ...table, policyName, roles }
}
