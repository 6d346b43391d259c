import { loadConfig } from '@tenantkit/config'
import {
  auditTenantIsolation,
  createOwnerDatabase,
  formatAuditReport,
} from '@tenantkit/db'
import { migrateConfig } from './config'
import { migrateWorkerDatabase } from './db/migrate'
import { WORKER_TENANT_TABLES } from './db/schema'

/**
 * `migrate`: the worker's migrations as the owner, grants for its runtime
 * role (which must exist), and an isolation audit of its tables.
 */
export async function runMigrateCommand(): Promise<number> {
  const config = loadConfig(migrateConfig)
  // The owner pool drops a connection that dies while idle instead of
  // crashing the command.
  const connection = createOwnerDatabase<unknown>({
    url: config.DATABASE_OWNER_URL.reveal(),
    max: 1,
  })
  const owner = connection.kysely
  try {
    const applied = await migrateWorkerDatabase(owner, {
      runtimeRole: config.DATABASE_RUNTIME_ROLE,
    })
    console.log(applied.length === 0
      ? 'Worker tables already up to date.'
      : `Applied: ${applied.join(', ')}`)
    const report = await auditTenantIsolation(owner, {
      role: config.DATABASE_RUNTIME_ROLE,
      tables: [...WORKER_TENANT_TABLES],
    })
    console.log(formatAuditReport(report))
    return report.findings.length === 0 ? 0 : 1
  } finally {
    await connection.close()
  }
}
