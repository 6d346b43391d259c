import { sql, type Kysely, type SelectQueryBuilder } from 'kysely'
import type { JobProgress, JobResult } from '../progress/job-progress'
import { ref } from './identifier'

/** What to do with one row. */
export type RowPlan =
  | { readonly kind: 'skip' }
  | { readonly kind: 'fail' }
  | {
    readonly kind: 'write'
    /** New column values. */
    readonly set: Readonly<Record<string, unknown>>
    /** Values the row must still hold (null = is null): compare and swap. */
    readonly expect: Readonly<Record<string, unknown>>
  }

type Row = Record<string, unknown>
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables are named at run time
type AnyDb = Kysely<any>
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- same: schema unknown
type AnySelect = SelectQueryBuilder<any, any, any>

/** A keyset-paginated batch job over one table. */
export interface ColumnJob {
  readonly db: AnyDb
  readonly table: string
  readonly primaryKey: string
  /** Columns each plan needs (the primary key is always read). */
  readonly columns: readonly string[]
  /** Restricts the scan to rows that may need work. */
  readonly pending: (query: AnySelect) => AnySelect
  readonly plan: (row: Row) => RowPlan
  readonly batchSize: number
  readonly after: unknown
  readonly countTotal: boolean
  readonly maxAttempts: number
  readonly signal: AbortSignal | undefined
  readonly onProgress: ((progress: JobProgress) => void) | undefined
}

/**
 * Runs a job: reads batches in primary-key order after the cursor, plans
 * each row, writes each batch in one transaction with compare-and-swap
 * (`where pk = ? and <column> = <value read>`), re-reads and re-plans rows
 * that changed meanwhile, and reports progress after every batch. Stops
 * between batches when the signal aborts.
 */
export async function runColumnJob(job: ColumnJob): Promise<JobResult> {
  const db = job.db.withoutPlugins()
  const failedKeys: unknown[] = []
  const conflictKeys: unknown[] = []
  const state = {
    total: job.countTotal ? await countPending(db, job) : undefined,
    scanned: 0, updated: 0, skipped: 0, cursor: job.after, done: false,
  }
  const snapshot = (): JobResult => ({
    ...state,
    failed: failedKeys.length,
    conflicts: conflictKeys.length,
    failedKeys: [...failedKeys],
    conflictKeys: [...conflictKeys],
  })

  while (!job.signal?.aborted) {
    const rows = await selectRows(db, job, state.cursor)
    if (rows.length === 0) {
      state.done = true
      job.onProgress?.(snapshot())
      break
    }
    state.scanned += rows.length
    const counts = await processRows(db, job, rows, failedKeys, conflictKeys)
    state.updated += counts.updated
    state.skipped += counts.skipped
    state.cursor = rows[rows.length - 1]!['__pk']
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
    const writes: Array<{ key: unknown; plan: RowPlan & { kind: 'write' } }> = []
    for (const row of current) {
      const plan = job.plan(row)
      if (plan.kind === 'write') writes.push({ key: row['__pk'], plan })
      else if (plan.kind === 'fail') failedKeys.push(row['__pk'])
      else skipped++
    }
    const lost = await writeBatch(db, job, writes)
    updated += writes.length - lost.length
    if (lost.length === 0) break
    if (attempt >= job.maxAttempts) {
      conflictKeys.push(...lost)
      break
    }
    // Someone changed these rows: read them again and plan afresh.
    current = await selectRows(db, job, undefined, lost)
    skipped += lost.length - current.length
  }
  return { updated, skipped }
}

/** Writes every planned row; returns the keys whose swap found a change. */
async function writeBatch(
  db: AnyDb,
  job: ColumnJob,
  writes: ReadonlyArray<{ key: unknown; plan: RowPlan & { kind: 'write' } }>,
): Promise<unknown[]> {
  if (writes.length === 0) return []
  return db.transaction().execute(async (trx) => {
    const lost: unknown[] = []
    for (const { key, plan } of writes) {
      let query = trx.updateTable(job.table).set(plan.set)
        .where(ref(job.primaryKey), '=', key)
      for (const [column, value] of Object.entries(plan.expect)) {
        query = value === null
          ? query.where(ref(column), 'is', null)
          : query.where(ref(column), '=', value)
      }
      const result = await query.executeTakeFirst()
      if (result.numUpdatedRows !== 1n) lost.push(key)
    }
    return lost
  })
}

function selectRows(
  db: AnyDb,
  job: ColumnJob,
  after: unknown,
  keys?: readonly unknown[],
): Promise<Row[]> {
  let query = job.pending(db.selectFrom(job.table))
    .select(ref(job.primaryKey).as('__pk'))
    .select(job.columns.map((c) => ref(c).as(c)))
  if (keys !== undefined) query = query.where(ref(job.primaryKey), 'in', keys)
  else if (after !== undefined) query = query.where(ref(job.primaryKey), '>', after)
  return query.orderBy(ref(job.primaryKey)).limit(job.batchSize)
    .execute() as Promise<Row[]>
}

async function countPending(db: AnyDb, job: ColumnJob): Promise<number> {
  let query = job.pending(db.selectFrom(job.table))
    .select(sql<string>`count(*)`.as('n'))
  if (job.after !== undefined) {
    query = query.where(ref(job.primaryKey), '>', job.after)
  }
  const row = (await query.executeTakeFirst()) as { n: string | number } | undefined
  return Number(row?.n ?? 0)
}
