import { CryptoError } from '../errors/crypto-error'
import type { KeyRing } from '../key-ring/key-ring'
import type { JobResult } from '../progress/job-progress'
import { runColumnJob, type RowPlan } from './column-job'
import { checkIdentifier, ref } from './identifier'
import { stillHolds, stillHoldsSecret } from './swap-conditions'
import { checkJobOptions, tenantIdOf, type ColumnJobOptions } from './job-options'

/** Options of {@link encryptPlaintextColumn}. */
export interface EncryptPlaintextColumnOptions extends ColumnJobOptions {
  /** The plaintext column, e.g. `access_token`. */
  readonly from: string
  /** The encrypted column it moves to, e.g. `encrypted_access_token`. */
  readonly to: string
  /**
   * Set the plaintext column to NULL in the same write, so no copy of the
   * secret stays behind. Leave it off only while old app versions still
   * read the plaintext column.
   * @default true
   */
  readonly clearSource?: boolean
}

/**
 * Migrates a plaintext column to an encrypted one: for every row with
 * `from` set and `to` still NULL, encrypts the value, checks the token
 * decrypts to it, and writes it to `to` (and NULL to `from`) with
 * compare-and-swap, so a row the app changed meanwhile is re-read, never
 * overwritten. Resumable and idempotent like {@link rotateColumn}.
 *
 * @example
 * await encryptPlaintextColumn({
 *   db, keyRing, table: 'crm_connections',
 *   from: 'access_token', to: 'encrypted_access_token',
 * })
 */
export async function encryptPlaintextColumn(
  options: EncryptPlaintextColumnOptions,
): Promise<JobResult> {
  const caller = 'encryptPlaintextColumn'
  const checked = checkJobOptions(options, caller)
  const from = checkIdentifier(options.from, 'from', caller)
  const to = checkIdentifier(options.to, 'to', caller)
  const clear = options.clearSource ?? true
  const { tenantColumn, table } = checked

  const plan = (row: Record<string, unknown>): RowPlan => {
    const plaintext = row[from]
    let ring: KeyRing = options.keyRing
    if (tenantColumn !== undefined) {
      const tenantId = tenantIdOf(row[tenantColumn])
      if (tenantId === undefined) return { kind: 'fail' }
      ring = ring.forContext({ tenantId, table, column: to })
    }
    if (typeof plaintext !== 'string' && !(plaintext instanceof Uint8Array)) {
      return { kind: 'fail' }
    }
    const token = ring.encrypt(plaintext)
    if (!ring.decryptBytes(token).equals(Buffer.from(plaintext))) {
      throw new CryptoError(
        'encryption_check_failed',
        `${caller}: a token for ${table}.${to} did not decrypt to its ` +
          'plaintext; nothing was written for it.',
        { fix: 'Report this as a bug in @tenantkit/crypto; the data is intact.' },
      )
    }
    return {
      kind: 'write',
      set: clear ? { [to]: token, [from]: null } : { [to]: token },
      // The plaintext is compared by a digest, never sent (see
      // stillHoldsSecret): database logs must not record the secret.
      expect: [stillHoldsSecret(from, plaintext), stillHolds(to, null)],
    }
  }

  return runColumnJob({
    ...checked,
    db: options.db,
    columns: tenantColumn === undefined ? [from, to] : [from, to, tenantColumn],
    pending: (query) => query.where(ref(from), 'is not', null).where(ref(to), 'is', null),
    plan,
    signal: options.signal,
    onProgress: options.onProgress,
  })
}
