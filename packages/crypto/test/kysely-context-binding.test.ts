import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import {
  createColumnCodec,
  createKeyRing,
  EncryptedColumnError,
  generateKey,
  InvalidTokenError,
} from '../src/index'
import { createEncryptedColumnsPlugin } from '../src/kysely/index'
import { createCrmDatabase, storedRow, type TestDb } from './support/database'

const keyRing = createKeyRing([generateKey()])
const codec = createColumnCodec({
  keyRing,
  tables: { crm_connections: ['access_token', 'refresh_token'] },
  contextBinding: true,
})
const tenantA = randomUUID()
const tenantB = randomUUID()
let test: TestDb

beforeAll(async () => {
  test = await createCrmDatabase(inject('tenantkitPostgresUrl'), 'crypto_bound')
})
afterAll(() => test?.close())

/** The app's per-tenant database handle: one plugin per tenant. */
const forTenant = (tenantId: string) =>
  test.db.withPlugin(createEncryptedColumnsPlugin({ codec, tenantId }))

async function insertFor(tenantId: string, access: string) {
  const { id } = await forTenant(tenantId).insertInto('crm_connections')
    .values({
      tenant_id: tenantId, provider: randomUUID(), access_token: access, refresh_token: 'r',
    })
    .returning('id').executeTakeFirstOrThrow()
  return id
}

const readAs = (tenantId: string, id: number) =>
  forTenant(tenantId).selectFrom('crm_connections').selectAll()
    .where('id', '=', id).executeTakeFirstOrThrow()

describe('Kysely plugin with context binding', () => {
  it('stores tokens under the key of tenant, table and column', async () => {
    const id = await insertFor(tenantA, 'bound secret')
    const stored = (await storedRow(test.pool, id)).access_token!
    const context = { tenantId: tenantA, table: 'crm_connections', column: 'access_token' }
    expect(keyRing.forContext(context).decrypt(stored)).toBe('bound secret')
    expect(() => keyRing.decrypt(stored)).toThrow(InvalidTokenError)
    expect((await readAs(tenantA, id)).access_token?.reveal()).toBe('bound secret')
  })

  it('fails to read a token copied into another tenant\'s row', async () => {
    const a = await insertFor(tenantA, 'tenant A only')
    const b = await insertFor(tenantB, 'tenant B')
    await test.pool.query(
      `update crm_connections set access_token =
         (select access_token from crm_connections where id = $1) where id = $2`,
      [a, b],
    )
    const error = await readAs(tenantB, b).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(EncryptedColumnError)
    expect((error as EncryptedColumnError).code).toBe('invalid_stored_value')
  })

  it('fails to read a token copied into another column', async () => {
    const id = await insertFor(tenantA, 'access, not refresh')
    await test.pool.query(
      'update crm_connections set refresh_token = access_token where id = $1', [id],
    )
    await expect(readAs(tenantA, id)).rejects.toThrow(/refresh_token holds a value/)
  })

  it('re-encrypts a sealed value written to another tenant\'s row', async () => {
    const a = await insertFor(tenantA, 'shared on purpose')
    const sealed = (await readAs(tenantA, a)).access_token
    const b = await insertFor(tenantB, 'placeholder')
    await forTenant(tenantB).updateTable('crm_connections')
      .set({ access_token: sealed }).where('id', '=', b).execute()
    expect((await readAs(tenantB, b)).access_token?.reveal()).toBe('shared on purpose')
  })

  it('requires the tenant id when context binding is on', () => {
    expect(() => createEncryptedColumnsPlugin({ codec })).toThrow(/needs the tenant id/)
    expect(() => codec.encode({ table: 'crm_connections', column: 'access_token' }, 'x'))
      .toThrow(EncryptedColumnError)
  })
})
