/**
 * What a scoped statement sets before it runs, transaction-locally: the
 * tenant setting (a tenant id, or '' for no tenant) and maybe the role.
 */
export interface TenantScope {
  /** The normalized tenant id; undefined for `withoutTenant()`. */
  readonly tenantId: string | undefined
  /** `select set_config(...)` with parameters, never interpolated values. */
  readonly sql: string
  readonly parameters: readonly string[]
}

/**
 * Builds the prelude that scopes one transaction to a tenant, or to no
 * tenant at all, and optionally to a role. Without a tenant the setting is
 * still set, to '': a session-level value that raw SQL left on a pooled
 * connection is shadowed, so the policy fails closed. The setting name and
 * role travel as parameters, so nothing is spliced into SQL.
 *
 * @example
 * createTenantScope('app.tenant_id', id, 'app_runtime').sql
 * // select set_config($1, $2, true), set_config('role', $3, true)
 * createTenantScope('app.tenant_id', undefined, undefined).parameters
 * // ['app.tenant_id', '']
 */
export function createTenantScope(
  setting: string,
  tenantId: string | undefined,
  role: string | undefined,
): TenantScope {
  const parameters = [setting, tenantId ?? '']
  if (role === undefined) {
    return { tenantId, sql: 'select set_config($1, $2, true)', parameters }
  }
  return {
    tenantId,
    sql: "select set_config($1, $2, true), set_config('role', $3, true)",
    parameters: [...parameters, role],
  }
}
