// Loads vitest's declarations so the augmentation below has a module to extend.
import type {} from 'vitest'
import { findKafka, type KafkaBroker } from './provision/kafka'
import { findPostgres } from './provision/postgres'
import { createTemplateDatabase } from './provision/template-database'
import { UsageError } from './usage-error'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test PostgreSQL server. */
    tenantkitPostgresUrl: string
    /** Bootstrap brokers of the test Kafka-protocol broker. */
    tenantkitKafkaBrokers: string[]
    /**
     * Name of the migrated template database, when the global setup was
     * given `template`; pass it to `createTestDatabase(url, { template })`.
     */
    tenantkitTemplateDatabase: string
  }
}

/** The part of vitest's `TestProject` a global setup needs. */
export interface ProvideTarget {
  provide(key: 'tenantkitPostgresUrl', value: string): void
  provide(key: 'tenantkitKafkaBrokers', value: string[]): void
  provide(key: 'tenantkitTemplateDatabase', value: string): void
}

export interface GlobalSetupOptions {
  /**
   * Provision PostgreSQL and provide `tenantkitPostgresUrl`.
   * @default true
   */
  readonly postgres?: boolean
  /**
   * Provision a Kafka-protocol broker and provide `tenantkitKafkaBrokers`.
   * @default false
   */
  readonly kafka?: boolean
  /**
   * Migrate a template database once per run and provide its name as
   * `tenantkitTemplateDatabase`; each test file then copies it.
   * @default undefined (no template)
   * @example { migrate: (url) => migrateToLatest(url) }
   */
  readonly template?: {
    readonly migrate: (url: string) => Promise<void>
    /** @default 'template' */
    readonly prefix?: string
  }
  /**
   * Environment the provisioning reads its URLs from.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>
}

type Stoppable = { stop(): Promise<void> }

/**
 * Builds a vitest `globalSetup` that provisions PostgreSQL (and Kafka, when
 * asked) once per run and hands the addresses to tests through `inject`.
 *
 * @example
 * // test/global-setup.ts
 * export default createGlobalSetup({ postgres: true, kafka: true })
 * // in a test
 * const url = inject('tenantkitPostgresUrl')
 */
export function createGlobalSetup(
  options: GlobalSetupOptions = {},
): (project: ProvideTarget) => Promise<() => Promise<void>> {
  if (options.template && options.postgres === false) {
    throw new UsageError('createGlobalSetup', 'template needs postgres',
      'remove postgres: false, or drop the template option')
  }
  const env = options.env === undefined ? {} : { env: options.env }
  return async (project) => {
    const started: Stoppable[] = []
    const teardown = async (): Promise<void> => {
      // Last in, first out: the template goes before its server.
      for (const s of started.reverse()) await s.stop().catch(() => {})
    }
    try {
      if (options.postgres !== false) {
        const server = await findPostgres(env)
        started.push(server)
        project.provide('tenantkitPostgresUrl', server.url)
        if (options.template) {
          const template = await createTemplateDatabase(server.url, options.template)
          started.push({ stop: () => template.drop() })
          project.provide('tenantkitTemplateDatabase', template.name)
        }
      }
      if (options.kafka) {
        const broker: KafkaBroker = await findKafka(env)
        started.push(broker)
        project.provide('tenantkitKafkaBrokers', [...broker.brokers])
      }
    } catch (error) {
      await teardown()
      throw error
    }
    return teardown
  }
}
