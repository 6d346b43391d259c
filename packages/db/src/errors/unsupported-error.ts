import { TenantkitError } from './tenantkit-error'

/**
 * Thrown when a Kysely feature cannot keep the tenant guarantee, such as
 * streaming a result outside a transaction.
 *
 * @example
 * db.forTenant(id).selectFrom('orders').selectAll().stream() // throws
 */
export class UnsupportedOperationError extends TenantkitError {
  override readonly name: string = 'UnsupportedOperationError'

  constructor(what: string, fix: string) {
    super('unsupported_operation', `${what} is not supported by @tenantkit/db.`, { fix })
  }
}
