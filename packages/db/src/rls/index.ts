export {
  disableRowLevelSecurity,
  enableRowLevelSecurity,
  type RowLevelSecurityOptions,
} from './row-level-security'
export {
  createTenantPolicy,
  dropTenantPolicy,
  type TenantPolicyOptions,
} from './tenant-policy'
export { createTenantIndex, dropTenantIndex, type TenantIndexOptions } from './tenant-index'
export {
  addTenantForeignKey,
  addTenantUniqueKey,
  dropTenantForeignKey,
  dropTenantUniqueKey,
  type TenantForeignKeyAction,
  type TenantForeignKeyOptions,
  type TenantUniqueKeyOptions,
} from './tenant-keys'
export {
  createRuntimeRole,
  dropRuntimeRole,
  type DropRuntimeRoleOptions,
  type RuntimeRoleOptions,
} from './runtime-role'
export {
  grantTenantAccess,
  revokeTenantAccess,
  type TenantAccessOptions,
} from './tenant-access'
export {
  disableTenantIsolation,
  enableTenantIsolation,
  type TenantIsolationOptions,
} from './tenant-isolation'
export { UnsafeNameError } from './sql-names'
export type { TenantColumnType, TenantTableOptions } from './tenant-table-options'
