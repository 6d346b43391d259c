import type { TenantDatabase } from '@tenantkit/db'
import { Kafka, logLevel, type Consumer } from 'kafkajs'
import type { WorkerDatabase } from './db/schema'
import { handleMessage, type HandleOutcome } from './handle-message'

/** Where the worker reports; `console` fits. Context never holds content. */
export interface WorkerLogger {
  info(message: string, context?: Record<string, unknown>): void
  warn(message: string, context?: Record<string, unknown>): void
  error(message: string, context?: Record<string, unknown>): void
}

/** Options of {@link createWorker}. */
export interface WorkerOptions {
  readonly brokers: readonly string[]
  readonly topic: string
  /** Consumer group: instances sharing it split the partitions. */
  readonly groupId: string
  /** @default 'tenant-id' */
  readonly tenantHeader?: string
  readonly db: TenantDatabase<WorkerDatabase>
  readonly logger: WorkerLogger
  /** Read the topic from its start when the group has no offsets yet. */
  readonly fromBeginning?: boolean
}

/** Counters, for health checks and tests. */
export interface WorkerStats {
  readonly recorded: number
  readonly duplicates: number
  readonly refused: number
}

/** A running consumer. */
export interface TenantWorker {
  start(): Promise<void>
  /** Finishes the message in hand, leaves the group, disconnects. */
  stop(): Promise<void>
  stats(): WorkerStats
}

/**
 * A Kafka consumer that records each integration event for its tenant.
 * Messages without a valid tenant header are logged and skipped (their
 * offset is committed, so they never block the partition); database
 * failures are rethrown, so KafkaJS retries the message.
 *
 * @example
 * const worker = createWorker({ brokers, topic, groupId, db, logger: console })
 * await worker.start()
 */
export function createWorker(options: WorkerOptions): TenantWorker {
  const kafka = new Kafka({
    brokers: [...options.brokers],
    clientId: 'tenant-worker',
    logLevel: logLevel.NOTHING,
  })
  let stopping: Promise<void> | undefined
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    // After its last retry of a failing message KafkaJS crashes and
    // restarts the consumer, even when the crash ends a stop() (it then
    // rejoins and consumes on, with a closed database, until killed).
    retry: { restartOnFailure: async () => stopping === undefined },
  })
  const header = options.tenantHeader ?? 'tenant-id'
  const counts = { recorded: 0, duplicates: 0, refused: 0 }
  const log = options.logger
  // Otherwise silent (KafkaJS logs nothing here): a crash loop shows.
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    log.error('consumer crashed', {
      error: payload.error.name, restart: payload.restart,
    })
  })

  const count = (outcome: HandleOutcome, where: Record<string, unknown>) => {
    if (outcome.kind === 'refused') {
      counts.refused += 1
      log.warn('refused message', { ...where, reason: outcome.reason })
    } else if (outcome.kind === 'duplicate') {
      counts.duplicates += 1
    } else {
      counts.recorded += 1
    }
  }

  return {
    async start() {
      await consumer.connect()
      await consumer.subscribe({
        topic: options.topic,
        fromBeginning: options.fromBeginning ?? false,
      })
      await consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const where = { topic, partition, offset: message.offset }
          try {
            count(await handleMessage(options.db, message, header), where)
          } catch (error) {
            log.error('message failed; it will be retried', {
              ...where, error: (error as Error).name,
            })
            throw error
          }
        },
      })
    },
    stop: () => (stopping ??= consumer.disconnect()),
    stats: () => ({ ...counts }),
  }
}
