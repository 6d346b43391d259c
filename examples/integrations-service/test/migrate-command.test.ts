import { randomBytes } from 'node:crypto'
import { createTestDatabase } from '@tenantkit/testing'
import pg from 'pg'
import { expect, inject, test } from 'vitest'
import { runScript } from './support/run-script'

test('migrate applies the schema as the owner, creates the role, audits clean', async () => {
  const serverUrl = inject('tenantkitPostgresUrl')
  const database = await createTestDatabase(serverUrl, { prefix: 'integ_migrate' })
  const role = `tk_integ_${randomBytes(5).toString('hex')}`
  const env = {
    DATABASE_OWNER_URL: database.url,
    DATABASE_RUNTIME_ROLE: role,
    DATABASE_RUNTIME_PASSWORD: randomBytes(18).toString('base64url'),
  }
  try {
    const first = await runScript('src/main.ts', ['migrate'], env).done
    expect(first).toMatchObject({ code: 0, stderr: '' })
    expect(first.stdout).toContain('Applied: 001-tenants-and-keys, 002-integrations')
    expect(first.stdout).toContain(`Created runtime role ${role}.`)
    expect(first.stdout).toContain('no findings')

    const again = await runScript('src/main.ts', ['migrate'], env).done
    expect(again).toMatchObject({ code: 0, stderr: '' })
    expect(again.stdout).toContain('Database already up to date.')

    // The role can log in and do nothing more than its grants allow.
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; owns: number }>(
      `select rolsuper, rolbypassrls,
        (select count(*)::int from pg_class c where c.relowner = r.oid) as owns
       from pg_roles r where rolname = $1`, [role])
    await client.end()
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, owns: 0 }])
  } finally {
    await database.drop()
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`drop role if exists ${role}`)
    await admin.end()
  }
})
