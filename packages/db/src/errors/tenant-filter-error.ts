import { TenantkitError } from './tenantkit-error'

/**
 * Thrown by the tenant filter plugin, before the query is sent, when a
 * statement on a tenant table names another tenant or cannot be checked.
 * The message names the table and column, never the values.
 *
 * @example
 * await db.forTenant(a).insertInto('orders').values({ tenant_id: b, ... }).execute()
 * // TenantFilterError: insert into "orders" sets tenant_id to another tenant
 */
export class TenantFilterError extends TenantkitError {
  override readonly name: string = 'TenantFilterError'
  /** The tenant table involved. */
  readonly table: string

  constructor(table: string, problem: string, fix: string) {
    super('tenant_filter', `Tenant filter: ${problem} (table "${table}").`, { fix })
    this.table = table
  }
}
