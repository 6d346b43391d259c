import type { ConfigurationIssue } from '../errors/configuration-error'
import { checkIdentifier, checkTableName, type QualifiedName } from '../rls/identifiers'
import {
  assertObject,
  checkTenantTable,
  throwIssues,
  type ResolvedTenantTable,
  type TenantColumnType,
} from '../rls/tenant-table-options'

/** Options of `auditTenantIsolation`. */
export interface AuditOptions {
  /**
   * The role the application logs in as; its privileges are checked.
   * @example 'app_runtime'
   */
  readonly role: string
  /**
   * Column that makes a table a tenant table.
   * @default 'tenant_id'
   */
  readonly tenantColumn?: string
  /**
   * Setting the policies must read.
   * @default 'app.tenant_id'
   */
  readonly tenantSetting?: string
  /**
   * SQL type of the tenant column, used in the fix SQL of policies.
   * @default 'uuid'
   */
  readonly tenantColumnType?: TenantColumnType
  /**
   * Schemas searched for tenant tables, functions and their keys.
   * @default ['public']
   */
  readonly schemas?: readonly string[]
  /**
   * More tenant tables, as `'table'` (in the first schema) or
   * `'schema.table'`, for tables whose tenant column has another name or
   * that hold tenant data without one.
   * @default []
   */
  readonly tables?: readonly string[]
  /**
   * Also report primary keys without the tenant column. Off by default:
   * a key on server-generated ids reveals nothing; turn it on when
   * clients choose ids.
   * @default false
   */
  readonly includePrimaryKeys?: boolean
}

/** Validated audit options. */
export interface ResolvedAuditOptions {
  readonly role: string
  readonly schemas: readonly string[]
  readonly tables: readonly QualifiedName[]
  readonly includePrimaryKeys: boolean
  /** Column, setting and cast; `schema`/`table` are placeholders. */
  readonly tenant: ResolvedTenantTable
}

/** Validates `auditTenantIsolation` options, reporting every problem. */
export function resolveAuditOptions(options: AuditOptions): ResolvedAuditOptions {
  const where = 'auditTenantIsolation'
  const issues: ConfigurationIssue[] = []
  assertObject(where, options)
  const role = checkIdentifier(options.role, 'role', issues)
  const schemas = checkList(options.schemas ?? ['public'], 'schemas', issues, true).map(
    (s, i) => checkIdentifier(s, `schemas[${i}]`, issues),
  )
  const first = schemas[0] ?? 'public'
  const tables = checkList(options.tables ?? [], 'tables', issues, false).map((t, i) =>
    checkTableName(t, first, `tables[${i}]`, issues),
  )
  const { tenantColumn, tenantSetting, tenantColumnType } = options
  const tenant = checkTenantTable(
    {
      table: '_',
      ...(tenantColumn === undefined ? {} : { tenantColumn }),
      ...(tenantSetting === undefined ? {} : { tenantSetting }),
      ...(tenantColumnType === undefined ? {} : { tenantColumnType }),
    },
    issues,
  )
  const includePrimaryKeys = options.includePrimaryKeys ?? false
  if (typeof includePrimaryKeys !== 'boolean') {
    issues.push({ path: 'includePrimaryKeys', message: 'must be true or false' })
  }
  throwIssues(where, issues)
  return { role, schemas, tables, includePrimaryKeys, tenant }
}

function checkList(
  value: unknown,
  path: string,
  issues: ConfigurationIssue[],
  nonEmpty: boolean,
): unknown[] {
  if (Array.isArray(value) && (!nonEmpty || value.length > 0)) return value
  const what = nonEmpty ? 'a non-empty array' : 'an array'
  issues.push({ path, message: `must be ${what} of names` })
  return []
}
