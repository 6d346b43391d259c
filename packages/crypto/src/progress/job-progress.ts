/**
 * Where a batch job over an encrypted column stands (rotation or the
 * plaintext migration). Reported after every batch; the last one has
 * `done: true` when the job reached the end of the table.
 */
export interface JobProgress {
  /** Rows the job expected to visit when it started, if counted. */
  readonly total: number | undefined
  /** Rows visited so far in this run. */
  readonly scanned: number
  /** Rows rewritten (re-encrypted under the newest key, or encrypted). */
  readonly updated: number
  /** Rows that needed nothing (already under the newest key / done). */
  readonly skipped: number
  /**
   * Rows left untouched because their value cannot be processed: for the
   * rotation, no key of the ring decrypts it; for the migration, the
   * source is not text. Their keys are in the result.
   */
  readonly failed: number
  /** Rows that kept changing under concurrent writers and were left as is. */
  readonly conflicts: number
  /**
   * Key of the last row visited: pass it as `after` to resume. A tuple
   * such as `[tenantId, id]` when the job's `primaryKey` is an array.
   * Undefined before the first batch.
   */
  readonly cursor: unknown
  /** True once every row was visited. */
  readonly done: boolean
}

/** The outcome of a job: its last progress and the rows to look at. */
export interface JobResult extends JobProgress {
  /** Keys of the `failed` rows (never modified), shaped like `cursor`. */
  readonly failedKeys: readonly unknown[]
  /** Keys of the `conflicts` rows (never modified), shaped like `cursor`. */
  readonly conflictKeys: readonly unknown[]
}
