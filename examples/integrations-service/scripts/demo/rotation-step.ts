import { createKeyRing, generateKey } from '@tenantkit/crypto'
import { sql } from 'kysely'
import type { RunningService } from '../../src/service'
import type { DemoDatabase } from './demo-database'
import { runRotation } from './run-rotation'
import type { Transcript } from './transcript'

/** What the rotation step needs from the demo. */
export interface RotationInput {
  readonly t: Transcript
  readonly database: DemoDatabase
  readonly service: RunningService
  readonly oldKeys: readonly string[]
  /** Starts the service again with these keys (newest first). */
  readonly start: (keys: readonly string[]) => Promise<RunningService>
}

/**
 * Rotates the token key the way production does, in two moves:
 * 1. deploy with `ENCRYPTION_KEYS=new,old...`: new writes use the new
 *    key and every stored token still decrypts;
 * 2. run the rotation job: it re-encrypts every stored token under the
 *    new key, batch by batch, showing a progress bar.
 * Afterwards the old keys can be dropped from the configuration.
 * Returns the service restarted with the new keys.
 */
export async function rotateKeys(input: RotationInput): Promise<RunningService> {
  const { t, database } = input
  const keys = [generateKey(), ...input.oldKeys]
  const keyRing = createKeyRing(keys)

  await input.service.stop()
  const service = await input.start(keys)
  t.ok(`restarted with ENCRYPTION_KEYS=<new key>,<${input.oldKeys.length} ` +
    'old>: new writes use the new key, old tokens still decrypt')

  const results = await runRotation(database.owner, keyRing)
  const updated = results.reduce((sum, r) => sum + r.updated, 0)
  const clean = results.every((r) => r.done && r.failed === 0 && r.conflicts === 0)
  t.expect(clean, `rotation job: ${updated} tokens re-encrypted, ` +
    'none failed, no conflicts: the old keys can now be retired')

  const { rows } = await sql<{ token: string }>`
    select encrypted_access_token as token from integrations
    union all
    select encrypted_refresh_token from integrations`.execute(database.owner)
  const current = rows.filter((row) => keyRing.isCurrent(row.token)).length
  t.expect(current === rows.length,
    `${current}/${rows.length} stored tokens are under the new key`)
  return service
}
