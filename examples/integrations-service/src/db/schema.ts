import type { SealedColumn } from '@tenantkit/crypto/kysely'
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** Timestamps: PostgreSQL fills them; they read back as Dates. */
type CreatedAt = ColumnType<Date, never, never>
type UpdatedAt = ColumnType<Date, Date | undefined, Date>

/**
 * The tenant column: the tenant filter of `forTenant` fills it in on
 * insert, and nothing ever changes it.
 */
type TenantColumn = ColumnType<string, string | undefined, never>

/** One customer of the SaaS: every other table hangs off its tenant_id. */
export interface TenantsTable {
  tenant_id: TenantColumn
  name: string
  created_at: CreatedAt
}

/** API keys: only a SHA-256 hash of the secret part is stored. */
export interface ApiKeysTable {
  tenant_id: TenantColumn
  id: Generated<string>
  key_hash: string
  created_at: CreatedAt
}

/** A tenant's connection to a CRM account, with its OAuth tokens. */
export interface IntegrationsTable {
  tenant_id: TenantColumn
  id: Generated<string>
  provider: string
  account_name: string
  /**
   * Written as plaintext (the crypto plugin encrypts it on the way in),
   * read back sealed: decrypted only by `reveal()`.
   */
  encrypted_access_token: SealedColumn
  encrypted_refresh_token: SealedColumn
  /** A short hash of the access token, safe to show: never the token. */
  token_fingerprint: string
  expires_at: Date
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** The tables of the service, as Kysely sees them. */
export interface Database {
  tenants: TenantsTable
  api_keys: ApiKeysTable
  integrations: IntegrationsTable
}

export type IntegrationRow = Selectable<IntegrationsTable>
export type NewIntegration = Insertable<IntegrationsTable>

/** Every table holding tenant data, guarded by RLS and the tenant filter. */
export const TENANT_TABLES: readonly string[] = [
  'tenants',
  'api_keys',
  'integrations',
]
