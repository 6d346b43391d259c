import {
  databaseUrl,
  defineConfig,
  DEVELOPMENT_DATABASE_URL,
  kafkaBrokers,
  logLevel,
  setting,
  type InferConfig,
} from '@tenantkit/config'
import { z } from 'zod'

const identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/)

/**
 * What the worker reads from the environment; validated all at once by
 * `loadConfig(workerConfig)` at startup, never at import.
 */
export const workerConfig = defineConfig({
  /** Runtime URL: logs in as the worker's least-privilege role. */
  DATABASE_URL: databaseUrl().requiredInProduction({
    development: DEVELOPMENT_DATABASE_URL,
  }),
  KAFKA_BROKERS: kafkaBrokers().requiredInProduction({
    development: ['127.0.0.1:9092'],
  }),
  EVENTS_TOPIC: setting(z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/))
    .default('integration-events'),
  CONSUMER_GROUP: setting(z.string().min(1).max(200)).default('tenant-worker'),
  /** The header the producer puts the tenant in (tenantkit's default). */
  TENANT_HEADER: setting(z.string().regex(/^[a-z0-9-]{1,64}$/))
    .default('tenant-id'),
  LOG_LEVEL: logLevel().default('info'),
})

/** The loaded configuration of the worker. */
export type WorkerConfig = InferConfig<typeof workerConfig>

/** What the `migrate` command reads: the owner connection. */
export const migrateConfig = defineConfig({
  DATABASE_OWNER_URL: databaseUrl(),
  DATABASE_RUNTIME_ROLE: setting(identifier, {
    expected: 'a lower-case PostgreSQL role name',
  }).default('tenant_worker_runtime'),
})
