export { ConfigurationError, type ConfigurationIssue } from './configuration-error'
export { DatabaseClosedError } from './database-closed-error'
export { InvalidTenantIdError } from './invalid-tenant-id-error'
export { TenantkitError, type TenantkitErrorOptions } from './tenantkit-error'
