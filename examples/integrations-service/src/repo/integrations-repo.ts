import type { Sealed } from '@tenantkit/crypto'
import type { Kysely } from 'kysely'
import type { Database, IntegrationRow } from '../db/schema'
import { RequestError } from '../request-error'
import {
  encodeCursor,
  escapeLike,
  SORT_COLUMNS,
  type ListQuery,
} from './list-query'

/**
 * Every function here takes the Kysely instance of ONE tenant
 * (`db.forTenant(id)`): row-level security and the tenant filter scope
 * each statement, so none of them names or could name a tenant.
 */
export type TenantDb = Kysely<Database>

/** What the API may show of an integration: never a token. */
export interface IntegrationView {
  readonly id: string
  readonly provider: string
  readonly accountName: string
  readonly status: 'connected'
  readonly tokenFingerprint: string
  readonly expiresAt: string
  readonly createdAt: string
  readonly updatedAt: string
}

/** A page of integrations and where the next one starts. */
export interface IntegrationPage {
  readonly items: readonly IntegrationView[]
  readonly nextCursor: string | null
}

/** Tokens to store: plaintext here, encrypted by the crypto plugin. */
export interface TokenValues {
  readonly accessToken: string
  readonly refreshToken: string
  readonly fingerprint: string
  readonly expiresAt: Date
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether `id` can be an integration id; anything else matches no row. */
function isIntegrationId(id: string): boolean {
  return typeof id === 'string' && UUID.test(id)
}

const VIEW_COLUMNS = [
  'id', 'provider', 'account_name', 'token_fingerprint',
  'expires_at', 'created_at', 'updated_at',
] as const

type ViewRow = Pick<IntegrationRow, (typeof VIEW_COLUMNS)[number]>

/**
 * Lists a tenant's integrations: optional free-text filter on the account
 * name (wildcards escaped), a sort from the allowlist, keyset pagination.
 *
 * @example
 * const page = await listIntegrations(db.forTenant(id), parseListQuery(q))
 */
export async function listIntegrations(
  db: TenantDb,
  query: ListQuery,
): Promise<IntegrationPage> {
  const column = SORT_COLUMNS[query.sort]
  const after = query.order === 'asc' ? '>' : '<'
  let select = db.selectFrom('integrations').select(VIEW_COLUMNS)
  if (query.q !== undefined) {
    select = select.where('account_name', 'ilike', `%${escapeLike(query.q)}%`)
  }
  const cursor = query.cursor
  if (cursor !== undefined) {
    const value = column === 'created_at'
      ? new Date(cursor.value)
      : cursor.value
    select = select.where((eb) => eb.or([
      eb(column, after, value),
      eb.and([eb(column, '=', value), eb('id', after, cursor.id)]),
    ]))
  }
  const rows = await select
    .orderBy(column, query.order)
    .orderBy('id', query.order)
    .limit(query.limit + 1)
    .execute()

  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  const nextCursor = rows.length > query.limit && last !== undefined
    ? encodeCursor({ value: sortValue(last, column), id: last.id })
    : null
  return { items: page.map(toView), nextCursor }
}

/** One integration as the API shows it, or undefined. */
export async function findIntegration(
  db: TenantDb,
  id: string,
): Promise<IntegrationView | undefined> {
  if (!isIntegrationId(id)) return undefined
  const row = await db.selectFrom('integrations').select(VIEW_COLUMNS)
    .where('id', '=', id).executeTakeFirst()
  return row && toView(row)
}

/**
 * Stores a connection (or replaces the tokens of the same CRM account,
 * connected again) and returns it as the API shows it.
 */
export async function saveIntegration(
  db: TenantDb,
  values: { readonly provider: string; readonly accountName: string },
  tokens: TokenValues,
): Promise<IntegrationView> {
  const row = await db.insertInto('integrations')
    .values({
      provider: values.provider,
      account_name: values.accountName,
      ...tokenColumns(tokens),
    })
    .onConflict((oc) => oc
      .columns(['tenant_id', 'provider', 'account_name'])
      .doUpdateSet({ ...tokenColumns(tokens), updated_at: new Date() }))
    .returning(VIEW_COLUMNS)
    .executeTakeFirstOrThrow()
  return toView(row)
}

/**
 * Runs `refresh` with the sealed refresh token of an integration, locked
 * for the duration so two refreshes never race, and stores what it
 * returns. Undefined when the tenant has no such integration. A refresh
 * already running throws a 409 at once (`NOWAIT`) instead of queuing on
 * the lock: each queued request would hold a pooled connection for as
 * long as the CRM takes, and a burst of them would starve every tenant.
 */
export async function refreshIntegration(
  db: TenantDb,
  id: string,
  refresh: (refreshToken: Sealed) => Promise<TokenValues>,
): Promise<IntegrationView | undefined> {
  if (!isIntegrationId(id)) return undefined
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('integrations')
      .select(['id', 'encrypted_refresh_token'])
      .where('id', '=', id)
      .forUpdate()
      .noWait()
      .executeTakeFirst()
      .catch(refreshInProgress)
    if (current === undefined) return undefined
    const tokens = await refresh(current.encrypted_refresh_token)
    const row = await trx.updateTable('integrations')
      .set({ ...tokenColumns(tokens), updated_at: new Date() })
      .where('id', '=', id)
      .returning(VIEW_COLUMNS)
      .executeTakeFirstOrThrow()
    return toView(row)
  })
}

/** PostgreSQL's lock_not_available, from `NOWAIT`, as a 409. */
function refreshInProgress(error: unknown): never {
  if ((error as { code?: unknown }).code === '55P03') {
    throw new RequestError(409, 'refresh_in_progress',
      'This integration is being refreshed; try again shortly.')
  }
  throw error
}

/**
 * Deletes an integration; the provider it had, or undefined. Like a
 * second refresh, a delete during a refresh throws a 409 at once rather
 * than wait for the lock with a pooled connection.
 */
export async function deleteIntegration(
  db: TenantDb,
  id: string,
): Promise<{ readonly id: string; readonly provider: string } | undefined> {
  if (!isIntegrationId(id)) return undefined
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('integrations').select('id')
      .where('id', '=', id)
      .forUpdate()
      .noWait()
      .executeTakeFirst()
      .catch(refreshInProgress)
    if (current === undefined) return undefined
    return trx.deleteFrom('integrations').where('id', '=', id)
      .returning(['id', 'provider']).executeTakeFirst()
  })
}

function tokenColumns(tokens: TokenValues) {
  return {
    encrypted_access_token: tokens.accessToken,
    encrypted_refresh_token: tokens.refreshToken,
    token_fingerprint: tokens.fingerprint,
    expires_at: tokens.expiresAt,
  }
}

function sortValue(row: ViewRow, column: string): string {
  if (column === 'account_name') return row.account_name
  if (column === 'provider') return row.provider
  return row.created_at.toISOString()
}

function toView(row: ViewRow): IntegrationView {
  return {
    id: row.id,
    provider: row.provider,
    accountName: row.account_name,
    status: 'connected',
    tokenFingerprint: row.token_fingerprint,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}
