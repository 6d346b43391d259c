import {
  databaseUrl,
  defineConfig,
  DEVELOPMENT_FERNET_KEYS,
  DEVELOPMENT_SECRET,
  fernetKeyList,
  kafkaBrokers,
  logLevel,
  port,
  secret,
  setting,
  url,
  type InferConfig,
} from '@tenantkit/config'
import { z } from 'zod'

const identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/)

/**
 * Everything the service reads from the environment. Declaring it reads
 * nothing; `loadConfig(serviceConfig)` at startup validates it all at
 * once. In production every secret must be set (and must not be a
 * development value); development and test run with none.
 */
export const serviceConfig = defineConfig({
  HOST: setting(z.string().min(1)).default('127.0.0.1'),
  PORT: port().default(3000),
  LOG_LEVEL: logLevel().default('info'),
  /**
   * Runtime URL: logs in as the least-privilege role. Unset in
   * development: the service runs on embedded PostgreSQL (PGlite).
   */
  DATABASE_URL: databaseUrl().requiredInProduction(),
  /** The role the service runs as (and that migrations grant to). */
  DATABASE_RUNTIME_ROLE: setting(identifier, {
    expected: 'a lower-case PostgreSQL role name',
  }).default('integrations_runtime'),
  /** Fernet keys for the OAuth tokens, newest first: `new,old`. */
  ENCRYPTION_KEYS: fernetKeyList().requiredInProduction({
    development: DEVELOPMENT_FERNET_KEYS,
  }),
  /** Bearer token of the tenant-provisioning endpoint. */
  ADMIN_TOKEN: secret({ minLength: 32 }).requiredInProduction({
    development: DEVELOPMENT_SECRET,
  }),
  /** Unset in development: events are printed, labelled as not sent. */
  KAFKA_BROKERS: kafkaBrokers().requiredInProduction(),
  EVENTS_TOPIC: setting(z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/))
    .default('integration-events'),
  /** The CRM's OAuth token endpoint. Unset in development: a local fake. */
  CRM_TOKEN_URL: url({ protocols: ['https:', 'http:'] })
    .requiredInProduction(),
  CRM_CLIENT_ID: setting(z.string().min(1)).requiredInProduction({
    development: 'integrations-service-dev',
  }),
  CRM_CLIENT_SECRET: secret().requiredInProduction({
    development: DEVELOPMENT_SECRET,
  }),
})

/** The loaded configuration of the service. */
export type ServiceConfig = InferConfig<typeof serviceConfig>

/**
 * What the `migrate` command reads: the OWNER connection, which the
 * service itself never gets.
 */
export const migrateConfig = defineConfig({
  DATABASE_OWNER_URL: databaseUrl(),
  DATABASE_RUNTIME_ROLE: setting(identifier, {
    expected: 'a lower-case PostgreSQL role name',
  }).default('integrations_runtime'),
  /** Set it to create the runtime role with this password if missing. */
  DATABASE_RUNTIME_PASSWORD: secret().optional(),
})

/** The loaded configuration of the `migrate` command. */
export type MigrateConfig = InferConfig<typeof migrateConfig>
