import { isQueryable, type Queryable } from '../queryable'
import { UsageError } from '../usage-error'
import type { TenantRunner } from './tenant-runner'

/** A table whose rows belong to tenants. */
export interface TenantTable {
  /** Table name, optionally schema-qualified: `notes`, `app.notes`. */
  readonly name: string
  /**
   * Column that holds the tenant.
   * @default 'tenant_id'
   */
  readonly tenantColumn?: string
  /**
   * Column that identifies a row.
   * @default 'id'
   */
  readonly key?: string
  /**
   * Values for a new row, without the tenant column, for seeding and for
   * the insert checks. Make unique columns unique on every call.
   * @example () => ({ title: `note ${randomUUID()}` })
   */
  readonly row: () => Record<string, unknown>
}

export interface InterleavingOptions {
  /**
   * Random sequences of concurrent operations to try.
   * @default 20
   */
  readonly runs?: number
  /**
   * Operations per sequence, at most.
   * @default 12
   */
  readonly maxOperations?: number
  /**
   * fast-check seed, to replay a failure the report names.
   * @default random
   */
  readonly seed?: number
}

export interface IsolationSuiteOptions {
  /** The tenant tables to check. */
  readonly tables: readonly TenantTable[]
  /** Runs work as a tenant, the app's way (see `createPgTenantRunner`). */
  readonly asTenant: TenantRunner
  /**
   * A connection that sees every row (table owner or superuser), to seed
   * and to read the ground truth. Never the app's connection.
   */
  readonly admin: Queryable
  /**
   * The app's pool, at `max: 1`, as `asTenant` uses it. Queried with no
   * tenant set between tenants: it must see no rows, or a setting leaked.
   * @default undefined (pooled-leak probe off; the alternation still runs)
   */
  readonly pool?: Queryable
  /**
   * The two tenants: A attacks, B is attacked.
   * @default two random UUIDs
   */
  readonly tenants?: readonly [string, string]
  /**
   * Seeds rows of `tenant` in every table; runs once per tenant.
   * @default two rows per table from `row()`, inserted through `admin`
   */
  readonly seed?: (tenant: string) => Promise<void>
  /**
   * Times the pooled check alternates between the tenants.
   * @default 6
   */
  readonly alternations?: number
  /**
   * Random interleavings with fast-check; `false` turns them off.
   * @default { runs: 20, maxOperations: 12 }
   */
  readonly interleavings?: InterleavingOptions | false
}

const NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/

/** Throws a `UsageError` naming the first unusable option. */
export function checkIsolationOptions(options: IsolationSuiteOptions): void {
  const fail = (problem: string, fix: string): never => {
    throw new UsageError('runIsolationSuite', problem, fix)
  }
  if (!Array.isArray(options?.tables) || options.tables.length === 0) {
    fail('tables is empty', "pass [{ name: 'notes', row: () => ({ title: 'x' }) }]")
  }
  for (const table of options.tables) {
    const parts = [...String(table?.name).split('.'), table.tenantColumn ?? 'tenant_id',
      table.key ?? 'id', ...Object.keys(typeof table.row === 'function' ? table.row() : {})]
    const bad = parts.find((part) => !NAME.test(part))
    if (bad !== undefined) {
      fail(`${JSON.stringify(bad)} is not a plain name`, 'use unquoted identifiers')
    }
    if (typeof table.row !== 'function') {
      fail(`table ${table.name} has no row()`, 'add row: () => ({ ... })')
    }
  }
  if (typeof options.asTenant !== 'function') {
    fail('asTenant is not a function', 'pass createPgTenantRunner(appPool)')
  }
  if (!isQueryable(options.admin)) {
    fail('admin has no query method', 'pass an owner or superuser pg.Pool')
  }
  if (options.pool !== undefined && !isQueryable(options.pool)) {
    fail('pool has no query method', 'pass the pg.Pool asTenant uses')
  }
  const tenants = options.tenants
  if (tenants !== undefined && (tenants.length !== 2 || tenants[0] === tenants[1] ||
    !tenants.every((t) => typeof t === 'string' && t.length > 0))) {
    fail('tenants must be two different non-empty strings',
      'pass [tenantA, tenantB] or leave it out')
  }
  const alternations = options.alternations ?? 6
  if (!Number.isInteger(alternations) || alternations < 2) {
    fail('alternations must be an integer of at least 2', 'e.g. 6')
  }
}
