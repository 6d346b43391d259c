// Loads vitest's declarations so the augmentation below has a module to extend.
import type {} from 'vitest'
import { findKafka, type KafkaBroker } from './provision/kafka'
import { findPostgres, type PostgresServer } from './provision/postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test PostgreSQL server. */
    tenantkitPostgresUrl: string
    /** Bootstrap brokers of the test Kafka-protocol broker. */
    tenantkitKafkaBrokers: string[]
  }
}

/** The part of vitest's `TestProject` a global setup needs. */
export interface ProvideTarget {
  provide(key: 'tenantkitPostgresUrl', value: string): void
  provide(key: 'tenantkitKafkaBrokers', value: string[]): void
}

export interface GlobalSetupOptions {
  /** @default true */
  readonly postgres?: boolean
  /** @default false */
  readonly kafka?: boolean
}

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
  return async (project) => {
    const started: Array<PostgresServer | KafkaBroker> = []
    const teardown = async (): Promise<void> => {
      await Promise.allSettled(started.map((s) => s.stop()))
    }
    try {
      if (options.postgres !== false) {
        const server = await findPostgres()
        started.push(server)
        project.provide('tenantkitPostgresUrl', server.url)
      }
      if (options.kafka) {
        const broker = await findKafka()
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
