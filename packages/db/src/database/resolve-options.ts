import type { Dialect, KyselyPlugin } from 'kysely'
import { ConfigurationError, type ConfigurationIssue } from '../errors/configuration-error'
import { isLogger, type Logger } from '../logger/logger'
import type { ResolvedPoolOptions } from '../pool/pool-options'
import { resolvePoolOptions } from '../pool/validate-pool-options'
import { DEFAULT_TENANT_ID_TYPE, isTenantIdType, type TenantIdType } from '../tenant/tenant-id'
import { DEFAULT_TENANT_SETTING, isTenantSettingName } from '../tenant/tenant-setting'
import type { DatabaseOptions } from './database-options'

/** `DatabaseOptions` checked and with defaults applied. */
export interface ResolvedOptions {
  readonly connection:
    | {
      readonly kind: 'url'
      readonly url: string
      readonly pool: ResolvedPoolOptions
      readonly prepareTenantStatement: boolean
    }
    | { readonly kind: 'dialect'; readonly dialect: Dialect }
  readonly tenantSetting: string
  readonly tenantIdType: TenantIdType
  readonly runtimeRole: string | undefined
  /** Table name to tenant column, for the filter plugin. */
  readonly tenantTables: ReadonlyMap<string, string> | undefined
  readonly plugins: readonly KyselyPlugin[]
  readonly logger: Logger | undefined
}

const COMMON = ['tenantSetting', 'tenantIdType', 'runtimeRole', 'tenantTables',
  'tenantColumn', 'plugins', 'logger']
const POOL = ['min', 'max', 'idleTimeoutMillis', 'connectionTimeoutMillis',
  'maxLifetimeSeconds', 'maxUses', 'prePingAfterIdleMillis', 'statementTimeoutMillis',
  'applicationName', 'ssl']
const IDENTIFIER = /^[a-z_][a-z0-9_$]{0,62}$/
const TABLE = /^([a-z_][a-z0-9_$]{0,62}\.)?[a-z_][a-z0-9_$]{0,62}$/

/** Validates every option at once; throws a `ConfigurationError` listing all problems. */
export function resolveOptions(where: string, options: DatabaseOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(where, [{ path: '(options)', message: 'must be an object' }])
  }
  const issues: ConfigurationIssue[] = []
  const connection = resolveConnection(options, issues)
  const specific = connection?.kind === 'url' ? ['url', 'prepareTenantStatement', ...POOL] : ['dialect']
  const known = new Set([...COMMON, ...specific])
  for (const key of Object.keys(options)) {
    if (!known.has(key)) {
      issues.push({ path: key, message: 'is not an option here; check its spelling' })
    }
  }

  const resolved: ResolvedOptions = {
    connection: connection ?? { kind: 'dialect', dialect: {} as Dialect },
    tenantSetting: setting(options.tenantSetting, issues),
    tenantIdType: idType(options.tenantIdType, issues),
    runtimeRole: role(options.runtimeRole, issues),
    tenantTables: tables(options.tenantTables, options.tenantColumn, issues),
    plugins: plugins(options.plugins, issues),
    logger: logger(options.logger, issues),
  }
  if (issues.length > 0) throw new ConfigurationError(where, issues)
  return resolved
}

function resolveConnection(
  options: DatabaseOptions,
  issues: ConfigurationIssue[],
): ResolvedOptions['connection'] | undefined {
  if (options.url !== undefined && options.dialect !== undefined) {
    issues.push({ path: 'url', message: 'give either url or dialect, not both' })
    return undefined
  }
  if (options.dialect !== undefined) {
    const d = options.dialect as Partial<Dialect>
    if (typeof d.createDriver === 'function' && typeof d.createQueryCompiler === 'function' &&
      typeof d.createAdapter === 'function' && typeof d.createIntrospector === 'function') {
      return { kind: 'dialect', dialect: options.dialect }
    }
    issues.push({ path: 'dialect', message: 'must be a Kysely Dialect object' })
    return undefined
  }
  const pool = resolvePoolOptions(options, issues)
  const prepare: unknown = options.prepareTenantStatement
  if (prepare !== undefined && typeof prepare !== 'boolean') {
    issues.push({ path: 'prepareTenantStatement', message: 'must be true or false' })
  }
  const prepareTenantStatement = prepare === true
  if (typeof options.url === 'string' && isPostgresUrl(options.url)) {
    return { kind: 'url', url: options.url, pool, prepareTenantStatement }
  }
  // The URL holds a password: describe the problem without echoing it.
  issues.push({
    path: 'url',
    message: 'must be a postgres:// or postgresql:// URL of the runtime role (or give a dialect)',
  })
  return { kind: 'url', url: '', pool, prepareTenantStatement }
}

/** Whether `url` parses as a postgres:// or postgresql:// URL. */
export function isPostgresUrl(url: string): boolean {
  try {
    const protocol = new URL(url).protocol
    return protocol === 'postgres:' || protocol === 'postgresql:'
  } catch {
    return false
  }
}

function setting(value: unknown, issues: ConfigurationIssue[]): string {
  if (value === undefined) return DEFAULT_TENANT_SETTING
  if (isTenantSettingName(value)) return value
  issues.push({
    path: 'tenantSetting',
    message: `must look like '${DEFAULT_TENANT_SETTING}': two lower-case identifiers and a dot`,
  })
  return DEFAULT_TENANT_SETTING
}

function idType(value: unknown, issues: ConfigurationIssue[]): TenantIdType {
  if (value === undefined) return DEFAULT_TENANT_ID_TYPE
  if (isTenantIdType(value)) return value
  issues.push({
    path: 'tenantIdType',
    message: "must be 'uuid', 'integer', 'text' or { description, test }",
  })
  return DEFAULT_TENANT_ID_TYPE
}

function role(value: unknown, issues: ConfigurationIssue[]): string | undefined {
  if (value === undefined || (typeof value === 'string' && IDENTIFIER.test(value))) {
    return value
  }
  issues.push({ path: 'runtimeRole', message: 'must be a plain lower-case role name' })
  return undefined
}

function tables(
  value: unknown,
  column: unknown,
  issues: ConfigurationIssue[],
): ReadonlyMap<string, string> | undefined {
  const fallback = column ?? 'tenant_id'
  if (typeof fallback !== 'string' || !IDENTIFIER.test(fallback)) {
    issues.push({ path: 'tenantColumn', message: 'must be a plain lower-case column name' })
  }
  if (value === undefined) return undefined
  const entries: Array<[unknown, unknown]> = Array.isArray(value)
    ? value.map((table: unknown) => [table, fallback])
    : typeof value === 'object' && value !== null ? Object.entries(value) : []
  if (entries.length === 0) {
    issues.push({ path: 'tenantTables', message: 'must be a non-empty list or map of tables' })
  }
  const map = new Map<string, string>()
  for (const [table, col] of entries) {
    if (typeof table !== 'string' || !TABLE.test(table)) {
      issues.push({ path: 'tenantTables', message: 'table names must be plain [schema.]name' })
    } else if (typeof col !== 'string' || !IDENTIFIER.test(col)) {
      issues.push({ path: `tenantTables.${table}`, message: 'must be a plain column name' })
    } else {
      map.set(table, col)
    }
  }
  return map
}

function plugins(value: unknown, issues: ConfigurationIssue[]): readonly KyselyPlugin[] {
  if (value === undefined) return []
  const ok = Array.isArray(value) && value.every((p: unknown) =>
    typeof p === 'object' && p !== null &&
    typeof (p as KyselyPlugin).transformQuery === 'function' &&
    typeof (p as KyselyPlugin).transformResult === 'function')
  if (ok) return value as KyselyPlugin[]
  issues.push({ path: 'plugins', message: 'must be an array of Kysely plugins' })
  return []
}

function logger(value: unknown, issues: ConfigurationIssue[]): Logger | undefined {
  if (value === undefined || isLogger(value)) return value
  issues.push({ path: 'logger', message: 'must be a function or { level?, log }' })
  return undefined
}
