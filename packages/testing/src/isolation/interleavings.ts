import fc from 'fast-check'
import type { Queryable } from '../queryable'
import type { InterleavingOptions, TenantTable } from './isolation-options'
import type { IsolationFinding } from './isolation-report'
import { tableSql, type TableSql } from './table-sql'
import type { TenantRunner } from './tenant-runner'

type Who = 'A' | 'B' | 'none'
type Action = 'read' | 'insert' | 'update' | 'delete'
interface Operation {
  readonly who: Who
  readonly action: Action
  readonly table: number
}

export interface InterleavingContext {
  readonly asTenant: TenantRunner
  readonly admin: Queryable
  readonly pool: Queryable | undefined
  readonly a: string
  readonly b: string
}

class Crossed extends Error {}

/**
 * Runs random sequences of concurrent tenant operations (fast-check picks
 * and shrinks them). Every row an operation sees or touches must belong to
 * its tenant; queries with no tenant must see nothing; afterwards every
 * row inserted must still belong to the tenant that inserted it.
 */
export async function checkInterleavings(
  tables: readonly TenantTable[],
  ctx: InterleavingContext,
  options: InterleavingOptions,
): Promise<{ runs: number; finding?: IsolationFinding }> {
  const sqls = tables.map(tableSql)
  const who: Who[] = ctx.pool === undefined ? ['A', 'B'] : ['A', 'B', 'none']
  const operation = fc.record({
    who: fc.constantFrom(...who),
    action: fc.constantFrom<Action>('read', 'insert', 'update', 'delete'),
    table: fc.nat({ max: tables.length - 1 }),
  })
  const max = options.maxOperations ?? 12
  const schedule = fc.array(fc.array(operation, { minLength: 1, maxLength: 3 }),
    { minLength: 1, maxLength: Math.max(1, Math.ceil(max / 2)) })

  const property = fc.asyncProperty(schedule, async (groups) => {
    const inserted = sqls.map(() => new Map<string, string>())
    try {
      for (const group of groups) {
        await Promise.all(group.map((op) => perform(op, tables, sqls, inserted, ctx)))
      }
      await verifyOwners(sqls, inserted, ctx)
    } finally {
      await Promise.all(sqls.map((sql, i) =>
        ctx.admin.query(sql.deleteKeys, [[...(inserted[i]?.keys() ?? [])]])))
    }
  })
  const runs = options.runs ?? 20
  const details = await fc.check(property, {
    numRuns: runs,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  })
  if (!details.failed) return { runs }
  const steps = (details.counterexample?.[0] ?? [])
    .map((group) => `[${group.map((op) => describe(op, tables)).join(', ')}]`).join(' then ')
  const reason = details.errorInstance instanceof Error
    ? details.errorInstance.message : String(details.errorInstance)
  return {
    runs,
    finding: {
      check: 'interleaving',
      detail: `${reason}; shrunk to ${steps}; replay with interleavings: ` +
        `{ seed: ${details.seed} } (path ${details.counterexamplePath ?? '-'})`,
    },
  }
}

function describe(op: Operation, tables: readonly TenantTable[]): string {
  return `${op.who} ${op.action} ${tables[op.table]?.name ?? '?'}`
}

async function perform(
  op: Operation,
  tables: readonly TenantTable[],
  sqls: readonly TableSql[],
  inserted: Array<Map<string, string>>,
  ctx: InterleavingContext,
): Promise<void> {
  const sql = sqls[op.table] as TableSql
  const mine = inserted[op.table] as Map<string, string>
  const label = describe(op, tables)
  if (op.who === 'none') {
    const rows = await ctx.pool?.query(sql.readAll).then((r) => r.rows, () => []) ?? []
    if (rows.length > 0) throw new Crossed(`${label} (no tenant) saw ${rows.length} row(s)`)
    return
  }
  const tenant = op.who === 'A' ? ctx.a : ctx.b
  const expectOwn = (rows: Array<Record<string, unknown>>): void => {
    const wrong = rows.filter((r) => String(r['tenant']) !== tenant).length
    if (wrong > 0) throw new Crossed(`${label} reached ${wrong} row(s) of the other tenant`)
  }
  const keys = [...mine.keys()]
  if (op.action === 'read') {
    expectOwn((await ctx.asTenant(tenant, (db) => db.query(sql.readAll))).rows)
  } else if (op.action === 'update') {
    expectOwn((await ctx.asTenant(tenant, (db) => db.query(sql.touchKeys, [keys]))).rows)
  } else if (op.action === 'delete') {
    const { rows } = await ctx.asTenant(tenant, (db) => db.query(sql.deleteKeys, [keys]))
    expectOwn(rows)
    for (const row of rows) mine.delete(String(row['key']))
  } else {
    const values = (tables[op.table] as TenantTable).row()
    const { rows } = await ctx.asTenant(tenant, (db) =>
      db.query(sql.insert(Object.keys(values)), [...Object.values(values), tenant]))
    expectOwn(rows)
    for (const row of rows) mine.set(String(row['key']), tenant)
  }
}

/** Every row inserted during the run still belongs to the tenant that inserted it. */
async function verifyOwners(
  sqls: readonly TableSql[],
  inserted: Array<Map<string, string>>,
  ctx: InterleavingContext,
): Promise<void> {
  for (const [i, sql] of sqls.entries()) {
    const expected = inserted[i] as Map<string, string>
    const { rows } = await ctx.admin.query(sql.readAll)
    for (const row of rows) {
      const owner = expected.get(String(row['key']))
      if (owner !== undefined && owner !== String(row['tenant'])) {
        throw new Crossed(`${sql.label}: a row inserted by one tenant now belongs to another`)
      }
    }
  }
}
