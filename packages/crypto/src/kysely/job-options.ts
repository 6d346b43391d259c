import type { Kysely } from 'kysely'
import { CryptoArgumentError } from '../errors/crypto-argument-error'
import type { KeyRing } from '../key-ring/key-ring'
import type { JobProgress } from '../progress/job-progress'
import { checkIdentifier } from './identifier'
import { checkAfter, checkRowKey, type RowKey } from './row-key'

/** Options shared by {@link rotateColumn} and {@link encryptPlaintextColumn}. */
export interface ColumnJobOptions {
  /**
   * Where the table lives. Plugins attached to it are not used: the job
   * reads and writes the stored tokens as they are. Run it with a role
   * that sees every row (row-level security would hide other tenants).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any app schema is accepted
  readonly db: Kysely<any>
  /** Keys, newest first: the first one encrypts. */
  readonly keyRing: KeyRing
  /** The table, as the database spells it (`schema.table` allowed). */
  readonly table: string
  /**
   * The key the job walks the table by, in batches: one column, or the
   * columns of a composite key in index order, such as the tenant-scoped
   * `(tenant_id, id)` that `@tenantkit/db` recommends. It must be unique
   * and not null. Given as an array, cursors and reported keys are tuples
   * (`[tenantId, id]`); given as a name, single values.
   * @default 'id'
   * @example primaryKey: ['tenant_id', 'id']
   */
  readonly primaryKey?: string | readonly string[]
  /**
   * With context binding on, the column holding each row's tenant id; the
   * key is derived from it, the table and the column (the same names the
   * codec uses). A numeric tenant id is used in its decimal form
   * (`String(id)`), which is what the plugin's `tenantId` must then be.
   * @default undefined (no context binding)
   * @example { tenantColumn: 'tenant_id' }
   */
  readonly contextBinding?: { readonly tenantColumn: string }
  /**
   * Rows per batch; each batch is written in one transaction.
   * @default 500
   * @example batchSize: 1000
   */
  readonly batchSize?: number
  /**
   * Resume after this key: the `cursor` of the last progress report, a
   * single value, or a tuple with one value per column of a composite
   * `primaryKey`. Restarting from the beginning is also safe, only slower.
   * @default undefined (from the first row)
   * @example after: savedProgress.cursor // e.g. ['9b2f…', 1200]
   */
  readonly after?: unknown
  /**
   * Count the rows first so progress has a total.
   * @default true
   * @example countTotal: false // huge table, skip the count(*)
   */
  readonly countTotal?: boolean
  /**
   * How often a row changed by concurrent writers is re-read and retried
   * before it is reported as a conflict.
   * @default 3
   * @example maxAttempts: 5
   */
  readonly maxAttempts?: number
  /**
   * Stops the job between two batches; the result has `done: false`.
   * @default undefined (runs to the end)
   * @example signal: AbortSignal.timeout(60_000)
   */
  readonly signal?: AbortSignal
  /**
   * Called after every batch, e.g. with a progress bar's `update`.
   * @example onProgress: createProgressBar(process.stderr).update
   */
  readonly onProgress?: (progress: JobProgress) => void
}

/** The options with defaults applied, after validation. */
export interface CheckedJobOptions {
  readonly table: string
  readonly primaryKey: RowKey
  readonly after: readonly unknown[] | undefined
  readonly tenantColumn: string | undefined
  readonly batchSize: number
  readonly countTotal: boolean
  readonly maxAttempts: number
}

export function checkJobOptions(
  options: ColumnJobOptions,
  caller: string,
): CheckedJobOptions {
  if (typeof options !== 'object' || options === null) {
    throw new CryptoArgumentError(
      `${caller}: options must be an object.`,
      'Pass { db, keyRing, table, ... }.',
    )
  }
  if (typeof options.db?.withoutPlugins !== 'function') {
    throw new CryptoArgumentError(`${caller}: db must be a Kysely instance.`,
      'Pass the Kysely instance of the database that holds the table.')
  }
  if (typeof options.keyRing?.forContext !== 'function') {
    throw new CryptoArgumentError(`${caller}: keyRing must come from createKeyRing.`,
      'Pass keyRing: createKeyRing(process.env.ENCRYPTION_KEY).')
  }
  const whole = (value: number | undefined, fallback: number, name: string) => {
    const n = value ?? fallback
    if (!Number.isInteger(n) || n < 1) {
      throw new CryptoArgumentError(`${caller}: ${name} must be a whole number >= 1.`,
        `Leave ${name} out for ${fallback}.`)
    }
    return n
  }
  checkCallbacks(options, caller)
  const tenant = options.contextBinding?.tenantColumn
  const primaryKey = checkRowKey(options.primaryKey ?? 'id', caller)
  return {
    table: checkIdentifier(options.table, 'table', caller),
    primaryKey,
    after: checkAfter(primaryKey, options.after, caller),
    tenantColumn: options.contextBinding === undefined
      ? undefined
      : checkIdentifier(tenant, 'contextBinding.tenantColumn', caller),
    batchSize: whole(options.batchSize, 500, 'batchSize'),
    countTotal: options.countTotal ?? true,
    maxAttempts: whole(options.maxAttempts, 3, 'maxAttempts'),
  }
}

function checkCallbacks(options: ColumnJobOptions, caller: string): void {
  const { onProgress, signal, countTotal } = options
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new CryptoArgumentError(`${caller}: onProgress must be a function.`,
      'Pass e.g. createProgressBar(process.stderr).update, or leave it out.')
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new CryptoArgumentError(`${caller}: signal must be an AbortSignal.`,
      'Pass controller.signal of an AbortController, or leave it out.')
  }
  if (countTotal !== undefined && typeof countTotal !== 'boolean') {
    throw new CryptoArgumentError(`${caller}: countTotal must be true or false.`,
      'Leave countTotal out to count the rows first.')
  }
}

/**
 * A row's tenant id as the key derivation takes it: text as it is, a
 * whole number (int or bigint column) in decimal; undefined otherwise.
 */
export function tenantIdOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'bigint') return String(value)
  return Number.isSafeInteger(value) ? String(value) : undefined
}
