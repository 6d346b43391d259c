import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'
import { ConfigurationError } from '../errors/configuration-error'
import { normalizeTenantId, type TenantIdType } from '../tenant/tenant-id'
import { TenantFilterTransformer } from './tenant-filter-transformer'
import { TenantTables } from './tenant-tables'

/** Options of `createTenantFilterPlugin`. */
export interface TenantFilterOptions {
  /** The tenant every query is limited to; validated like `forTenant`. */
  readonly tenantId: string | number | bigint
  /**
   * Tenant tables: a list of names (all using `tenantColumn`) or a map of
   * name to tenant column. `schema.table` restricts a match to a schema.
   * @example
   * tables: ['orders', 'invoices']
   */
  readonly tables: readonly string[] | Readonly<Record<string, string>>
  /** @default 'tenant_id' */
  readonly tenantColumn?: string
  /** @default 'uuid' */
  readonly tenantIdType?: TenantIdType
}

const NAME = /^([a-z_][a-z0-9_$]{0,62}\.)?[a-z_][a-z0-9_$]{0,62}$/

/**
 * Defense in depth on top of row-level security: for the registered
 * tenant tables it adds `<table>.<tenant column> = <tenant>` to SELECT,
 * UPDATE and DELETE (joins, subqueries and CTEs included), fills in the
 * tenant column on INSERT and refuses INSERT, UPDATE or upsert that names
 * another tenant. It does not see raw SQL (`sql` templates, `sql.raw`),
 * functions, views or triggers, and refuses MERGE into or directly from a
 * tenant table and INSERT ... SELECT into one. RLS remains the guarantee.
 *
 * @example
 * const kysely = new Kysely<DB>({ dialect, plugins: [
 *   createTenantFilterPlugin({ tenantId, tables: ['orders'] }),
 * ] })
 */
export function createTenantFilterPlugin(options: TenantFilterOptions): KyselyPlugin {
  const type = options.tenantIdType ?? 'uuid'
  const tenantId = normalizeTenantId(options.tenantId, type)
  return createPluginFor(tenantTableMap(options), tenantId, type)
}

/** Builds the plugin from already validated parts (used by `forTenant`). */
export function createPluginFor(
  tables: ReadonlyMap<string, string>,
  tenantId: string,
  type: TenantIdType,
): KyselyPlugin {
  const registry = new TenantTables(tables)
  const sameTenant = (value: unknown): boolean => {
    try {
      return normalizeTenantId(value, type) === tenantId
    } catch {
      return false
    }
  }
  const transformer = new TenantFilterTransformer(registry, tenantId, sameTenant)
  return {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode =>
      transformer.transformNode(args.node, args.queryId),
    transformResult: async (
      args: PluginTransformResultArgs,
    ): Promise<QueryResult<UnknownRow>> => args.result,
  }
}

function tenantTableMap(options: TenantFilterOptions): Map<string, string> {
  const column = options.tenantColumn ?? 'tenant_id'
  const entries: Array<[string, string]> = Array.isArray(options.tables)
    ? options.tables.map((t: string) => [t, column])
    : Object.entries(options.tables ?? {})
  const bad = entries.filter(([t, c]) => !NAME.test(t) || !NAME.test(c) || c.includes('.'))
  if (entries.length === 0 || bad.length > 0) {
    throw new ConfigurationError('createTenantFilterPlugin', [{
      path: 'tables',
      message: 'must list at least one table; names must be plain [schema.]table, columns plain',
    }])
  }
  return new Map(entries)
}
