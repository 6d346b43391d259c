import type { Queryable } from '../queryable'
import { UsageError } from '../usage-error'
import { attempt, snapshot } from './attempt'
import type { TenantTable } from './isolation-options'
import type { IsolationFinding } from './isolation-report'
import { tableSql } from './table-sql'
import type { TenantRunner } from './tenant-runner'

export interface TableCheckContext {
  readonly asTenant: TenantRunner
  readonly admin: Queryable
  /** The attacking tenant. */
  readonly a: string
  /** The attacked tenant. */
  readonly b: string
}

/**
 * Tenant A tries to read, update, move into, insert as and delete tenant
 * B's rows of one table; then B's rows must be exactly as before.
 */
export async function checkTable(
  table: TenantTable,
  ctx: TableCheckContext,
): Promise<IsolationFinding[]> {
  const sql = tableSql(table)
  const findings: IsolationFinding[] = []
  const add = (check: IsolationFinding['check'], detail: string): void => {
    findings.push({ table: table.name, check, detail })
  }
  const before = await snapshot(ctx.admin, sql.snapshot, ctx.b)
  const ownKeys = [...(await snapshot(ctx.admin, sql.snapshot, ctx.a)).keys()]
  const theirKeys = [...before.keys()]
  if (ownKeys.length === 0 || theirKeys.length === 0) {
    throw new UsageError('runIsolationSuite',
      `seeding left ${table.name} without rows of both tenants`,
      'make seed(tenant) insert at least one row per table for the tenant it is given')
  }

  // Reading: everything visible, then B's rows by key.
  const read = await attempt(ctx.asTenant, ctx.a, sql.readAll)
  const rows = read.ok ? read.result.rows : []
  const foreign = rows.filter((r) => String(r['tenant']) !== ctx.a).length
  if (foreign > 0) add('read', `tenant A read ${foreign} row(s) of other tenants`)
  if (!rows.some((r) => String(r['tenant']) === ctx.a)) {
    add('read', `tenant A sees none of its own ${ownKeys.length} row(s), so the ` +
      'other checks prove nothing: does asTenant set the tenant?')
  }
  const byKey = await attempt(ctx.asTenant, ctx.a, sql.countKeys, [theirKeys])
  const seenByKey = byKey.ok ? Number(byKey.result.rows[0]?.['n'] ?? 0) : 0
  if (foreign === 0 && seenByKey > 0) {
    add('read', `tenant A read ${seenByKey} row(s) of tenant B by key`)
  }

  // Writing: touch B's rows, move an own row to B, insert as B, delete B's rows.
  const touched = await attempt(ctx.asTenant, ctx.a, sql.touchKeys, [theirKeys])
  if (touched.ok && (touched.result.rowCount ?? 0) > 0) {
    add('update', `tenant A updated ${touched.result.rowCount} row(s) of tenant B`)
  }
  const moved = await attempt(ctx.asTenant, ctx.a, sql.moveRow, [ctx.b, ownKeys[0]])
  if (moved.ok && (moved.result.rowCount ?? 0) > 0) {
    add('update', 'tenant A moved one of its rows into tenant B')
    await ctx.admin.query(sql.moveRow, [ctx.a, ownKeys[0]])
  }
  await checkInsert(table, ctx, add)
  const deleted = await attempt(ctx.asTenant, ctx.a, sql.deleteKeys, [theirKeys])
  if (deleted.ok && (deleted.result.rowCount ?? 0) > 0) {
    add('delete', `tenant A deleted ${deleted.result.rowCount} row(s) of tenant B`)
  }

  const after = await snapshot(ctx.admin, sql.snapshot, ctx.b)
  const gone = theirKeys.filter((k) => !after.has(k)).length
  const added = [...after.keys()].filter((k) => !before.has(k)).length
  const changed = theirKeys.filter((k) => after.has(k) && after.get(k) !== before.get(k)).length
  if (gone + added + changed > 0) {
    add('unchanged',
      `tenant B's rows changed: ${gone} deleted, ${added} added, ${changed} modified`)
  }
  return findings
}

/** Inserting as A must work (else the check proves nothing); as B must not. */
async function checkInsert(
  table: TenantTable,
  ctx: TableCheckContext,
  add: (check: IsolationFinding['check'], detail: string) => void,
): Promise<void> {
  const sql = tableSql(table)
  const own = table.row()
  const ownInsert = await attempt(ctx.asTenant, ctx.a, sql.insert(Object.keys(own)),
    [...Object.values(own), ctx.a])
  if (!ownInsert.ok) {
    throw new UsageError('runIsolationSuite',
      `tenant A cannot insert its own row into ${table.name}`,
      'make row() return a complete, valid row (the insert error is attached as cause)',
      ownInsert.error)
  }
  await ctx.admin.query(sql.deleteKeys, [[String(ownInsert.result.rows[0]?.['key'])]])

  const theirs = table.row()
  const asB = await attempt(ctx.asTenant, ctx.a, sql.insert(Object.keys(theirs)),
    [...Object.values(theirs), ctx.b])
  if (asB.ok) add('insert', 'tenant A inserted a row as tenant B')
}
