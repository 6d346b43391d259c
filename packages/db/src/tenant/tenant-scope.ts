/**
 * What a tenant-scoped statement sets before it runs, transaction-locally:
 * the tenant setting and, optionally, the role.
 */
export interface TenantScope {
  /** The normalized tenant id. */
  readonly tenantId: string
  /** `select set_config(...)` with parameters, never interpolated values. */
  readonly sql: string
  readonly parameters: readonly string[]
}

/**
 * Builds the prelude that scopes one transaction to a tenant. The setting
 * name and role travel as parameters, so nothing is spliced into SQL.
 *
 * @example
 * createTenantScope('app.tenant_id', id, 'app_runtime').sql
 * // select set_config($1, $2, true), set_config('role', $3, true)
 */
export function createTenantScope(
  setting: string,
  tenantId: string,
  role: string | undefined,
): TenantScope {
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
