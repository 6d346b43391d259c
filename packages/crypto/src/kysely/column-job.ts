import {
  sql,
  type Expression,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely'
import type { JobProgress, JobResult } from '../progress/job-progress'
import { ref } from './identifier'
import {
  keyAfter,
  keyAliases,
  keyIn,
  keyValuesOf,
  presentKey,
  type RowKey,
} from './row-key'

/** What to do with one row. */
export type RowPlan =
  | { readonly kind: 'skip' }
  | { readonly kind: 'fail' }
  | {
    readonly kind: 'write'
    /** New column values. */
    readonly set: Readonly<Record<string, unknown>>
    /**
     * What the row must still hold for the write to go ahead (compare and
     * swap), built with `stillHolds` / `stillHoldsSecret`.
     */
    readonly expect: ReadonlyArray<Expression<SqlBool>>
  }

type Row = Record<string, unknown>
type KeyValues = readonly unknown[]
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables are named at run time
type AnyDb = Kysely<any>
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- same: schema unknown
type AnySelect = SelectQueryBuilder<any, any, any>

/** A keyset-paginated batch job over one table. */
export interface ColumnJob {
  readonly db: AnyDb
  readonly table: string
  readonly primaryKey: RowKey
  /** Columns each plan needs (the primary key is always read). */
  readonly columns: readonly string[]
  /** Restricts the scan to rows that may need work. */
  readonly pending: (query: AnySelect) => AnySelect
  readonly plan: (row: Row) => RowPlan
  readonly batchSize: number
  /** Key values to resume after, one per key column. */
  readonly after: KeyValues | undefined
  readonly countTotal: boolean
  readonly maxAttempts: number
  readonly signal: AbortSignal | undefined
  readonly onProgress: ((progress: JobProgress) => void) | undefined
}

/**
 * Runs a job: reads batches in key order after the cursor (keyset
 * pagination, a row comparison for a composite key), plans each row,
 * writes each batch in one transaction with compare-and-swap (`where
 * <key> = <key read> and <column> = <value read>`), re-reads and re-plans
 * rows that changed meanwhile, and reports progress after every batch.
 * Stops between batches when the signal aborts.
 */
export async function runColumnJob(job: ColumnJob): Promise<JobResult> {
  const db = job.db.withoutPlugins()
  const failedKeys: unknown[] = []
  const conflictKeys: unknown[] = []
  let after = job.after
  const state = {
    total: job.countTotal ? await countPending(db, job) : undefined,
    scanned: 0, updated: 0, skipped: 0, done: false,
  }
  const snapshot = (): JobResult => ({
    ...state,
    cursor: after === undefined ? undefined : presentKey(job.primaryKey, after),
    failed: failedKeys.length,
    conflicts: conflictKeys.length,
    failedKeys: [...failedKeys],
    conflictKeys: [...conflictKeys],
  })

  while (!job.signal?.aborted) {
    const rows = await selectRows(db, job, after)
    if (rows.length === 0) {
      state.done = true
      job.onProgress?.(snapshot())
      break
    }
    state.scanned += rows.length
    const counts = await processRows(db, job, rows, failedKeys, conflictKeys)
    state.updated += counts.updated
    state.skipped += counts.skipped
    after = keyValuesOf(job.primaryKey, rows[rows.length - 1]!)
    job.onProgress?.(snapshot())
  }
  return snapshot()
}

async function processRows(
  db: AnyDb,
  job: ColumnJob,
  rows: readonly Row[],
  failedKeys: unknown[],
  conflictKeys: unknown[],
): Promise<{ updated: number; skipped: number }> {
  let updated = 0
  let skipped = 0
  let current = rows
  for (let attempt = 1; current.length > 0; attempt++) {
    const writes: Write[] = []
    for (const row of current) {
      const plan = job.plan(row)
      const key = keyValuesOf(job.primaryKey, row)
      if (plan.kind === 'write') writes.push({ key, plan })
      else if (plan.kind === 'fail') failedKeys.push(presentKey(job.primaryKey, key))
      else skipped++
    }
    const lost = await writeBatch(db, job, writes)
    updated += writes.length - lost.length
    if (lost.length === 0) break
    if (attempt >= job.maxAttempts) {
      conflictKeys.push(...lost.map((key) => presentKey(job.primaryKey, key)))
      break
    }
    // Someone changed these rows: read them again and plan afresh.
    current = await selectRows(db, job, undefined, lost)
    skipped += lost.length - current.length
  }
  return { updated, skipped }
}

interface Write {
  readonly key: KeyValues
  readonly plan: RowPlan & { kind: 'write' }
}

/** Writes every planned row; returns the keys whose swap found a change. */
async function writeBatch(
  db: AnyDb,
  job: ColumnJob,
  writes: readonly Write[],
): Promise<KeyValues[]> {
  if (writes.length === 0) return []
  return db.transaction().execute(async (trx) => {
    const lost: KeyValues[] = []
    for (const { key, plan } of writes) {
      let query = trx.updateTable(job.table).set(plan.set)
      job.primaryKey.columns.forEach((column, i) => {
        query = query.where(ref(column), '=', key[i])
      })
      for (const condition of plan.expect) query = query.where(condition)
      const result = await query.executeTakeFirst()
      if (result.numUpdatedRows !== 1n) lost.push(key)
    }
    return lost
  })
}

function selectRows(
  db: AnyDb,
  job: ColumnJob,
  after: KeyValues | undefined,
  keys?: readonly KeyValues[],
): Promise<Row[]> {
  const key = job.primaryKey
  const aliases = keyAliases(key)
  let query = job.pending(db.selectFrom(job.table))
    .select(key.columns.map((c, i) => ref(c).as(aliases[i]!)))
    .select(job.columns.map((c) => ref(c).as(c)))
  if (keys !== undefined) query = query.where(keyIn(key, keys))
  else if (after !== undefined) query = query.where(keyAfter(key, after))
  for (const column of key.columns) query = query.orderBy(ref(column))
  return query.limit(job.batchSize).execute() as Promise<Row[]>
}

async function countPending(db: AnyDb, job: ColumnJob): Promise<number> {
  let query = job.pending(db.selectFrom(job.table))
    .select(sql<string>`count(*)`.as('n'))
  if (job.after !== undefined) {
    query = query.where(keyAfter(job.primaryKey, job.after))
  }
  const row = (await query.executeTakeFirst()) as { n: string | number } | undefined
  return Number(row?.n ?? 0)
}
