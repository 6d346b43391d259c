import {
  createProgressBar,
  type JobResult,
  type KeyRing,
} from '@tenantkit/crypto'
import { rotateColumn } from '@tenantkit/crypto/kysely'
import type { Kysely } from 'kysely'
import { ENCRYPTED_COLUMNS } from '../../src/tokens/token-encryption'

/**
 * Runs @tenantkit/crypto's rotation job over every encrypted column, with
 * its progress bar on stdout. Small batches, so the demo's handful of
 * rows still shows the bar move; production keeps the default of 500.
 */
export async function runRotation(
  owner: Kysely<unknown>,
  keyRing: KeyRing,
): Promise<JobResult[]> {
  const results: JobResult[] = []
  for (const [table, columns] of Object.entries(ENCRYPTED_COLUMNS)) {
    for (const column of columns) {
      const bar = createProgressBar(process.stdout, {
        label: `    ${table}.${column}`, width: 20,
      })
      try {
        results.push(await rotateColumn({
          db: owner, keyRing, table, column,
          // Server-generated UUIDs: unique, so the job can walk by them.
          primaryKey: 'id',
          batchSize: 1,
          onProgress: bar.update,
        }))
      } finally {
        bar.finish()
      }
    }
  }
  return results
}
