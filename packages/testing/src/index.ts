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
