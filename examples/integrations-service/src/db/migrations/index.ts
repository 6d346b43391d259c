import type { Migration, MigrationProvider } from 'kysely'
import { tenantsAndKeys } from './001-tenants-and-keys'
import { integrations } from './002-integrations'

/** The service's migrations, in order. Never rename a key once shipped. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-tenants-and-keys': tenantsAndKeys,
  '002-integrations': integrations,
}

/** Hands the migrations to Kysely's Migrator without reading the disk. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
}
