import { TenantkitError } from './tenantkit-error'

/**
 * Thrown before any query is sent when a tenant id is missing or not of
 * the configured type. The message describes the value (its type and
 * length), never the value itself.
 *
 * @example
 * db.forTenant('42') // InvalidTenantIdError: expected a UUID
 */
export class InvalidTenantIdError extends TenantkitError {
  override readonly name: string = 'InvalidTenantIdError'

  constructor(expected: string, received: string) {
    super('invalid_tenant_id', `Invalid tenant id: expected ${expected}, got ${received}.`, {
      fix:
        'Pass the tenant id taken from the authenticated request, or change ' +
        'the `tenantIdType` option to match how tenant ids look.',
    })
  }
}
