import { ConfigurationError, type ConfigurationIssue } from '../errors/configuration-error'
import { DEFAULT_TENANT_SETTING, isTenantSettingName } from '../tenant/tenant-setting'
import { checkIdentifier, checkTableName, derivedName } from './identifiers'

/** The schema tables live in when a name has no `schema.` prefix. */
export const DEFAULT_SCHEMA: string = 'public'

/** The column that holds the tenant id in every tenant table. */
export const DEFAULT_TENANT_COLUMN: string = 'tenant_id'

/**
 * SQL type of the tenant column: `'uuid'`, `'integer'` (bigint) or
 * `'text'`. It decides the cast applied to the tenant setting.
 */
export type TenantColumnType = 'uuid' | 'integer' | 'text'

/** Options shared by every helper that works on one tenant table. */
export interface TenantTableOptions {
  /**
   * The tenant table, as `'orders'` or `'schema.orders'`.
   * @example 'orders'
   */
  readonly table: string
  /**
   * Schema used when `table` has no `schema.` prefix.
   * @default 'public'
   */
  readonly schema?: string
  /**
   * Column holding the tenant id.
   * @default 'tenant_id'
   */
  readonly tenantColumn?: string
  /**
   * Setting that carries the current tenant id, read with
   * `current_setting(<setting>, true)`.
   * @default 'app.tenant_id'
   */
  readonly tenantSetting?: string
  /**
   * SQL type of the tenant column, used to cast the setting.
   * @default 'uuid'
   */
  readonly tenantColumnType?: TenantColumnType
}

/** Validated tenant table options with every default applied. */
export interface ResolvedTenantTable {
  readonly schema: string
  readonly table: string
  readonly column: string
  readonly setting: string
  /** `pg_catalog` type name used in the cast: uuid, int8 or text. */
  readonly castType: 'uuid' | 'int8' | 'text'
}

const CAST_TYPES = { uuid: 'uuid', integer: 'int8', text: 'text' } as const

/**
 * Validates the options every table helper shares, collecting each
 * problem into `issues` (the caller throws them all at once).
 */
export function checkTenantTable(
  options: TenantTableOptions,
  issues: ConfigurationIssue[],
): ResolvedTenantTable {
  const schema = checkIdentifier(options.schema ?? DEFAULT_SCHEMA, 'schema', issues)
  const { schema: tableSchema, name } = checkTableName(options.table, schema, 'table', issues)
  const column = checkIdentifier(
    options.tenantColumn ?? DEFAULT_TENANT_COLUMN,
    'tenantColumn',
    issues,
  )
  const setting = options.tenantSetting ?? DEFAULT_TENANT_SETTING
  if (!isTenantSettingName(setting)) {
    issues.push({
      path: 'tenantSetting',
      message: "must be two lower-case identifiers joined by a dot, like 'app.tenant_id'",
    })
  }
  const type = options.tenantColumnType ?? 'uuid'
  if (!Object.hasOwn(CAST_TYPES, type)) {
    issues.push({ path: 'tenantColumnType', message: "must be 'uuid', 'integer' or 'text'" })
  }
  const castType = CAST_TYPES[type] ?? 'uuid'
  return { schema: tableSchema, table: name, column, setting, castType }
}

/** Throws every collected issue as one `ConfigurationError`. */
export function throwIssues(where: string, issues: readonly ConfigurationIssue[]): void {
  if (issues.length > 0) throw new ConfigurationError(where, issues)
}

/** Validates an options object and returns the resolved tenant table. */
export function resolveTenantTable(
  where: string,
  options: TenantTableOptions,
): ResolvedTenantTable {
  const issues: ConfigurationIssue[] = []
  const resolved = checkTenantTable(assertObject(where, options), issues)
  throwIssues(where, issues)
  return resolved
}

/** Throws unless `options` is a plain object. */
export function assertObject<T>(where: string, options: T): T {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(where, [
      { path: '(options)', message: 'must be an object of options' },
    ])
  }
  return options
}

/** Default name of an object derived from a table, like `orders_tenant_idx`. */
export function defaultName(table: ResolvedTenantTable, suffix: string): string {
  return derivedName(table.table, suffix)
}
