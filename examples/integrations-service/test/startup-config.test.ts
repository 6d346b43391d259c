import { ConfigError, DEVELOPMENT_FERNET_KEYS, loadConfig } from '@tenantkit/config'
import { expect, inject, test } from 'vitest'
import { serviceConfig } from '../src/config'
import { runScript } from './support/run-script'

const PRODUCTION_SECRETS = [
  'DATABASE_URL', 'ENCRYPTION_KEYS', 'ADMIN_TOKEN', 'KAFKA_BROKERS',
  'CRM_TOKEN_URL', 'CRM_CLIENT_ID', 'CRM_CLIENT_SECRET',
]

test('development starts with no secrets at all', () => {
  const config = loadConfig(serviceConfig, { NODE_ENV: 'development' })
  expect(config.DATABASE_URL).toBeUndefined() // embedded PostgreSQL
  expect(config.KAFKA_BROKERS).toBeUndefined() // events printed, not sent
  expect(config.ENCRYPTION_KEYS.reveal()).toEqual(DEVELOPMENT_FERNET_KEYS)
})

test('production names every missing secret at once', () => {
  let error: unknown
  try {
    loadConfig(serviceConfig, { NODE_ENV: 'production' })
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(ConfigError)
  const variables = (error as ConfigError).issues.map((i) => i.variable)
  expect(variables.sort()).toEqual([...PRODUCTION_SECRETS].sort())
})

test('production refuses development values and never prints them', () => {
  const adminToken = 'tenantkit-development-secret-not-for-production'
  let error: unknown
  try {
    loadConfig(serviceConfig, {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app:s3cret-Pa55word-value@db.internal:5432/app',
      ENCRYPTION_KEYS: DEVELOPMENT_FERNET_KEYS.join(','),
      ADMIN_TOKEN: adminToken,
      KAFKA_BROKERS: 'kafka-1:9092',
      CRM_TOKEN_URL: 'https://crm.example/oauth/token',
      CRM_CLIENT_ID: 'integrations',
      CRM_CLIENT_SECRET: 'a-real-looking-client-secret-value',
    })
  } catch (caught) {
    error = caught
  }
  const message = (error as Error).message
  expect((error as ConfigError).issues.map((i) => i.variable).sort())
    .toEqual(['ADMIN_TOKEN', 'ENCRYPTION_KEYS'])
  for (const secret of [adminToken, ...DEVELOPMENT_FERNET_KEYS, 's3cret-Pa55word-value',
    'a-real-looking-client-secret-value']) {
    expect(message).not.toContain(secret)
  }
})

test('the server refuses to start in production without its secrets', async () => {
  // NODE_ENV unset counts as production: a forgotten variable fails safe.
  const result = await runScript('src/main.ts', [], {}).done
  expect(result.code).toBe(1)
  for (const variable of PRODUCTION_SECRETS) {
    expect(result.stderr).toContain(`- ${variable}: missing`)
  }
})

test('the server refuses a database login that bypasses row-level security', async () => {
  // The test server's URL logs in as a superuser: RLS would not apply.
  const result = await runScript('src/main.ts', [], {
    NODE_ENV: 'development',
    DATABASE_URL: inject('tenantkitPostgresUrl'),
  }).done
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('bypasses row-level security')
  expect(result.stdout).not.toContain('listening on')
})
