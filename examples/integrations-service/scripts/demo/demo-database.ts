import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { createOwnerDatabase } from '@tenantkit/db'
import { Kysely, sql } from 'kysely'
import { migrateDatabase, type MigrateResult } from '../../src/db/migrate'
import { createPgliteDialect } from '../../src/db/pglite-dialect'

/** Where the demo's data lives, and how to undo it. */
export interface DemoDatabase {
  readonly label: string
  /** The runtime URL the service logs in with; undefined when embedded. */
  readonly runtimeUrl: string | undefined
  readonly pglite: PGlite | undefined
  /** The owner (migration) connection: raw queries, audit, rotation. */
  readonly owner: Kysely<unknown>
  readonly runtimeRole: string
  readonly migrated: MigrateResult
  /** Drops what the demo created (a server's database and role). */
  cleanup(): Promise<void>
}

/**
 * Embedded PostgreSQL (PGlite) when `adminUrl` is undefined. Otherwise a
 * fresh database and a fresh runtime role on that server, both dropped
 * by `cleanup()`. Either way: the same migrations, role and policies.
 */
export async function openDemoDatabase(
  adminUrl: string | undefined,
): Promise<DemoDatabase> {
  return adminUrl === undefined ? openEmbedded() : openOnServer(adminUrl)
}

async function openEmbedded(): Promise<DemoDatabase> {
  const pglite = await PGlite.create()
  const owner = new Kysely<unknown>({
    dialect: createPgliteDialect(pglite, { closeOnDestroy: false }),
  })
  const runtimeRole = 'integrations_runtime'
  const migrated = await migrateDatabase(owner, {
    runtimeRole,
    createRole: true,
  })
  return {
    label: 'embedded PostgreSQL (PGlite, in this process)',
    runtimeUrl: undefined,
    pglite,
    owner,
    runtimeRole,
    migrated,
    cleanup: async () => {
      await owner.destroy()
      await pglite.close()
    },
  }
}

async function openOnServer(adminUrl: string): Promise<DemoDatabase> {
  const suffix = randomBytes(4).toString('hex')
  const database = `integrations_demo_${suffix}`
  const runtimeRole = `tk_demo_${suffix}`
  const password = randomBytes(18).toString('base64url')
  // Owner connections from @tenantkit/db: a pooled connection that dies
  // while idle is dropped and logged, never an unhandled 'error' event.
  const adminConnection = createOwnerDatabase<unknown>({ url: adminUrl, max: 1 })
  const admin = adminConnection.kysely
  await sql`create database ${sql.id(database)}`.execute(admin)

  const ownerUrl = withDatabase(adminUrl, database)
  const ownerConnection = createOwnerDatabase<unknown>({ url: ownerUrl, max: 2 })
  const owner = ownerConnection.kysely
  const cleanup = async () => {
    await ownerConnection.close()
    await sql`drop database if exists ${sql.id(database)} with (force)`
      .execute(admin)
    await sql`drop role if exists ${sql.id(runtimeRole)}`.execute(admin)
    await adminConnection.close()
  }
  try {
    const migrated = await migrateDatabase(owner, {
      runtimeRole,
      createRole: true,
      runtimePassword: password,
    })
    const runtime = new URL(ownerUrl)
    runtime.username = runtimeRole
    runtime.password = password
    return {
      label: `PostgreSQL at ${new URL(adminUrl).host}, database ${database}`,
      runtimeUrl: runtime.toString(),
      pglite: undefined,
      owner,
      runtimeRole,
      migrated,
      cleanup,
    }
  } catch (error) {
    await cleanup()
    throw error
  }
}

function withDatabase(url: string, database: string): string {
  const copy = new URL(url)
  copy.pathname = `/${database}`
  return copy.toString()
}
