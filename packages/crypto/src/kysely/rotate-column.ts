import { CryptoError } from '../errors/crypto-error'
import type { KeyRing } from '../key-ring/key-ring'
import type { JobResult } from '../progress/job-progress'
import { runColumnJob, type RowPlan } from './column-job'
import { ref, checkIdentifier } from './identifier'
import { stillHolds } from './swap-conditions'
import { checkJobOptions, tenantIdOf, type ColumnJobOptions } from './job-options'

/** Options of {@link rotateColumn}. */
export interface RotateColumnOptions extends ColumnJobOptions {
  /** The encrypted column to re-encrypt. */
  readonly column: string
}

/**
 * Re-encrypts every token of one column under the newest key of the ring,
 * keeping each token's timestamp (`MultiFernet.rotate`). Walks the table
 * in batches by its key (`primaryKey`: one column, or a composite key such
 * as `['tenant_id', 'id']`), one transaction each; skips tokens already under
 * the newest key, so it is idempotent and safe to restart; checks that the
 * new token decrypts to the same plaintext before writing it; writes with
 * compare-and-swap on the old token, so a row changed meanwhile is re-read,
 * never overwritten; reports rows no key decrypts and leaves them as they
 * are.
 *
 * Put the new key first in every app instance's ring before running it,
 * so concurrent writers already use it; remove the old key only after a
 * run that ends with `done: true`, `failed: 0` and `conflicts: 0`.
 *
 * @example
 * const bar = createProgressBar(process.stderr)
 * const result = await rotateColumn({
 *   db, keyRing, table: 'crm_connections', column: 'access_token',
 *   onProgress: bar.update,
 * })
 * bar.finish()
 */
export async function rotateColumn(options: RotateColumnOptions): Promise<JobResult> {
  const checked = checkJobOptions(options, 'rotateColumn')
  const column = checkIdentifier(options.column, 'column', 'rotateColumn')
  const { tenantColumn, table } = checked
  const ringFor = (row: Record<string, unknown>): KeyRing | undefined => {
    if (tenantColumn === undefined) return options.keyRing
    const tenantId = tenantIdOf(row[tenantColumn])
    if (tenantId === undefined) return undefined
    return options.keyRing.forContext({ tenantId, table, column })
  }

  const plan = (row: Record<string, unknown>): RowPlan => {
    const token = row[column]
    const ring = ringFor(row)
    if (typeof token !== 'string' || ring === undefined) return { kind: 'fail' }
    if (ring.isCurrent(token)) return { kind: 'skip' }
    let rotated: string
    let plaintext: Buffer
    try {
      plaintext = ring.decryptBytes(token)
      rotated = ring.rotate(token)
    } catch {
      return { kind: 'fail' }
    }
    if (!ring.isCurrent(rotated) || !ring.decryptBytes(rotated).equals(plaintext)) {
      throw new CryptoError(
        'rotation_check_failed',
        `rotateColumn: a re-encrypted token of ${table}.${column} did not ` +
          'decrypt to the same plaintext; nothing was written for it.',
        { fix: 'Report this as a bug in @tenantkit/crypto; the data is intact.' },
      )
    }
    return {
      kind: 'write',
      set: { [column]: rotated },
      expect: [stillHolds(column, token)],
    }
  }

  return runColumnJob({
    ...checked,
    db: options.db,
    columns: tenantColumn === undefined ? [column] : [column, tenantColumn],
    pending: (query) => query.where(ref(column), 'is not', null),
    plan,
    signal: options.signal,
    onProgress: options.onProgress,
  })
}
