/**
 * What a scoped statement sets before it runs, transaction-locally: the
 * tenant setting, the role, or both.
 */
export interface TenantScope {
  /** The normalized tenant id; undefined for `withoutTenant()`. */
  readonly tenantId: string | undefined
  /** `select set_config(...)` with parameters, never interpolated values. */
  readonly sql: string
  readonly parameters: readonly string[]
}

/**
 * Builds the prelude that scopes one transaction to a tenant and/or a
 * role; undefined when there is nothing to set. The setting name and role
 * travel as parameters, so nothing is spliced into SQL.
 *
 * @example
 * createTenantScope('app.tenant_id', id, 'app_runtime')?.sql
 * // select set_config($1, $2, true), set_config('role', $3, true)
 */
export function createTenantScope(
  setting: string,
  tenantId: string | undefined,
  role: string | undefined,
): TenantScope | undefined {
  if (tenantId === undefined) {
    return role === undefined
      ? undefined
      : { tenantId, sql: "select set_config('role', $1, true)", parameters: [role] }
  }
  if (role === undefined) {
    return {
      tenantId,
      sql: 'select set_config($1, $2, true)',
      parameters: [setting, tenantId],
    }
  }
  return {
    tenantId,
    sql: "select set_config($1, $2, true), set_config('role', $3, true)",
    parameters: [setting, tenantId, role],
  }
}
