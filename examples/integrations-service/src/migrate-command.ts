import { loadConfig } from '@tenantkit/config'
import {
  auditTenantIsolation,
  createOwnerDatabase,
  formatAuditReport,
} from '@tenantkit/db'
import { migrateConfig } from './config'
import { migrateDatabase } from './db/migrate'

/**
 * `migrate`: applies pending migrations as the OWNER (DATABASE_OWNER_URL),
 * creates the runtime role when DATABASE_RUNTIME_PASSWORD is set and the
 * role is missing, grants it least privilege, then audits the result.
 * Exits non-zero when the audit finds a way tenant isolation can fail.
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
    const password = config.DATABASE_RUNTIME_PASSWORD?.reveal()
    const result = await migrateDatabase(owner, {
      runtimeRole: config.DATABASE_RUNTIME_ROLE,
      createRole: password !== undefined,
      ...(password === undefined ? {} : { runtimePassword: password }),
    })
    console.log(result.applied.length === 0
      ? 'Database already up to date.'
      : `Applied: ${result.applied.join(', ')}`)
    if (result.createdRole) {
      console.log(`Created runtime role ${config.DATABASE_RUNTIME_ROLE}.`)
    }
    const report = await auditTenantIsolation(owner, {
      role: config.DATABASE_RUNTIME_ROLE,
    })
    console.log(formatAuditReport(report))
    return report.findings.length === 0 ? 0 : 1
  } finally {
    await connection.close()
  }
}
