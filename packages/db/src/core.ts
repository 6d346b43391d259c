// Pool, tenant context and the tenant filter plugin.
export * from './errors/index'
export * from './logger/index'
export * from './tenant/index'
export {
  createDatabase,
  type TenantDatabase,
  type TenantId,
} from './database/create-database'
export type {
  CommonDatabaseOptions,
  DatabaseOptions,
  DialectDatabaseOptions,
  UrlDatabaseOptions,
} from './database/database-options'
export type { DatabaseHealth } from './database/health'
export type { PoolStats } from './pool/managed-pool'
export { POOL_DEFAULTS, type PoolOptions } from './pool/pool-options'
export {
  createTenantFilterPlugin,
  type TenantFilterOptions,
} from './plugin/tenant-filter-plugin'
export {
  createOwnerDatabase,
  type OwnerDatabase,
  type OwnerDatabaseOptions,
} from './database/create-owner-database'
