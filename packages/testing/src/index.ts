export { UsageError } from './usage-error'
export { ProvisionError } from './provision/errors'
export { redactUrl } from './provision/redact-url'
export {
  DEFAULT_LOCAL_POSTGRES_URL,
  DEFAULT_POSTGRES_IMAGE,
  findPostgres,
  type FindPostgresOptions,
  type PostgresServer,
  type PostgresSource,
} from './provision/postgres'
export {
  createTestDatabase,
  type CreateTestDatabaseOptions,
  type TestDatabase,
} from './provision/database'
export {
  createTemplateDatabase,
  type CreateTemplateDatabaseOptions,
  type TemplateDatabase,
} from './provision/template-database'
export {
  DEFAULT_KAFKA_IMAGE,
  findKafka,
  startKcatMockCluster,
  type FindKafkaOptions,
  type KafkaBroker,
  type KafkaSource,
} from './provision/kafka'
export type { Queryable } from './queryable'
export {
  PAYLOAD_CATEGORIES,
  PAYLOAD_TARGETS,
  type InjectionPayload,
  type PayloadCategory,
  type PayloadTarget,
} from './injection/payload'
export { injectionPayloads, type PayloadOptions } from './injection/corpus/index'
export { runInjectionSuite } from './injection/run-injection-suite'
export type { AcceptContext, InjectionSuiteOptions } from './injection/injection-options'
export {
  InjectionSuiteError,
  type InjectionFinding,
  type InjectionReport,
} from './injection/injection-report'
export type { InjectionOracle } from './injection/oracles'
export type { InjectionCall, Outcome } from './injection/outcome'
export { createCanary } from './injection/canary'
export {
  createSessionProbe,
  type SessionProbeOptions,
  type SessionState,
} from './injection/session-probe'
export {
  fingerprintCatalog,
  type CatalogFingerprint,
  type FingerprintOptions,
  type RoleScope,
} from './injection/catalog-fingerprint'
export { diffCatalog, type DiffCatalogOptions } from './injection/catalog-diff'
export { httpCall, type HttpCallOptions, type HttpPlace } from './injection/http-call'
export type { HttpObservation } from './injection/http-observation'
export { runIsolationSuite } from './isolation/run-isolation-suite'
export type {
  InterleavingOptions,
  IsolationSuiteOptions,
  TenantTable,
} from './isolation/isolation-options'
export {
  IsolationSuiteError,
  type IsolationCheck,
  type IsolationFinding,
  type IsolationReport,
} from './isolation/isolation-report'
export {
  createPgTenantRunner,
  type ConnectablePool,
  type PgTenantRunnerOptions,
  type TenantRunner,
} from './isolation/tenant-runner'
export { kyselyQueryable, type KyselyExecutor } from './isolation/kysely-queryable'
