import { Batcher } from './batcher'
import type { ClientMessage } from './client'
import { Connection } from './connection'
import { toDeliveryError } from './delivery-error'
import { KafkaShutdownError, type KafkaProducerError } from './errors'
import { createKafkaJsClient } from './kafkajs-client'
import { log } from './logger'
import { checkTopic, prepareMessage } from './message'
import type { MessageValue, PublishOptions } from './message'
import type { ProducerOptions } from './options'
import { resolveOptions, type ResolvedOptions } from './resolve-options'
import { settlesBefore } from './settles-before'
import { forgetOnSignals, shutdownOnSignals } from './signals'

/** Where a producer is in its life. */
export type ProducerState =
  | 'disconnected'
  | 'connecting'
  | 'connected'
  | 'shutting-down'
  | 'shut-down'

/** A snapshot for health checks and metrics. */
export interface ProducerHealth {
  readonly state: ProducerState
  /** Connected, and the last batch (if any) reached the broker. */
  readonly connected: boolean
  /** Messages accepted by `publish` and not yet settled. */
  readonly inFlight: number
  /** The most recent connect or delivery failure. */
  readonly lastError: KafkaProducerError | undefined
  readonly lastErrorAt: Date | undefined
}

/** A process-wide, lazily connected, batching Kafka producer. */
export interface TenantProducer {
  /**
   * Queues one message for `topic`, with the tenant header set and keyed by
   * tenant unless `key` says otherwise. Resolves when the broker has
   * acknowledged it; rejects with a `KafkaProducerError`.
   *
   * @example
   * await producer.publish('invoices', { id, total }, { tenantId })
   */
  publish(topic: string, message: MessageValue, options: PublishOptions): Promise<void>
  /**
   * Sends everything queued now and resolves when every message accepted
   * so far has settled. Never rejects.
   * @example await producer.flush()
   */
  flush(): Promise<void>
  /**
   * Refuses new publishes, waits up to `shutdownTimeoutMs` for the
   * accepted ones, rejects what is left and disconnects once. Every call
   * returns the same promise, which never rejects.
   * @example process.on('beforeExit', () => producer.shutdown())
   */
  shutdown(): Promise<void>
  /** @example const { connected, inFlight } = producer.health() */
  health(): ProducerHealth
}

/**
 * Creates a producer for dependency injection. It connects on its first
 * publish; `getProducer` returns one shared instance per configuration.
 *
 * @example
 * const producer = createProducer({ brokers: ['localhost:9092'] })
 * await producer.publish('events', { type: 'signup' }, { tenantId: 't1' })
 * await producer.shutdown()
 */
export function createProducer(options: ProducerOptions): TenantProducer {
  return openProducer(options, undefined)
}

/**
 * `createProducer`, calling `onShutDown` once its shutdown has completed
 * (how `getProducer` frees the slot for a fresh producer). Internal.
 */
export function openProducer(
  options: ProducerOptions,
  onShutDown: (() => void) | undefined,
): TenantProducer {
  const resolved = resolveOptions(options)
  const producer = new Producer(options, resolved, onShutDown)
  if (options.handleSignals) shutdownOnSignals(producer)
  return producer
}

class Producer implements TenantProducer {
  readonly #options: ResolvedOptions
  readonly #connection: Connection
  readonly #batcher: Batcher
  readonly #onShutDown: (() => void) | undefined
  #delivering = true
  #lastError: KafkaProducerError | undefined
  #lastErrorAt: Date | undefined
  #shutdown: Promise<void> | undefined
  #done = false

  constructor(
    options: ProducerOptions,
    resolved: ResolvedOptions,
    onShutDown: (() => void) | undefined,
  ) {
    this.#options = resolved
    this.#onShutDown = onShutDown
    const client = options.client
    this.#connection = new Connection(
      async () => client ?? createKafkaJsClient(options, resolved),
      () => log(resolved.logger, 'info', 'Kafka producer connected'))
    this.#batcher = new Batcher({
      ...resolved,
      connect: () => this.#connect(),
      send: (topic, messages) => this.#send(topic, messages),
      onError: (error) => this.#recordError(error),
    })
  }

  publish(topic: string, message: MessageValue, options: PublishOptions): Promise<void> {
    try {
      checkTopic(topic)
      if (this.#shutdown) {
        throw new KafkaShutdownError(
          `Cannot publish to "${topic}": the producer is shutting down.`, topic)
      }
      const prepared = prepareMessage(topic, message, options, this.#options)
      return this.#batcher.add(topic, prepared)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  flush(): Promise<void> {
    this.#batcher.flush()
    return this.#batcher.drained()
  }

  shutdown(): Promise<void> {
    this.#shutdown ??= this.#close()
    return this.#shutdown
  }

  health(): ProducerHealth {
    const connected = this.#connection.ready !== undefined && !this.#shutdown
    return {
      state: this.#state(),
      connected: connected && this.#delivering,
      inFlight: this.#batcher.inFlight,
      lastError: this.#lastError,
      lastErrorAt: this.#lastErrorAt,
    }
  }

  #state(): ProducerState {
    if (this.#done) return 'shut-down'
    if (this.#shutdown) return 'shutting-down'
    if (this.#connection.ready) return 'connected'
    return this.#connection.connecting ? 'connecting' : 'disconnected'
  }

  #connect(): Promise<unknown> | undefined {
    if (this.#connection.ready) return undefined
    return this.#connection.ensure()
  }

  async #send(topic: string, messages: ClientMessage[]): Promise<void> {
    try {
      const client = this.#connection.ready ?? await this.#connection.ensure()
      const acks = this.#options.acks
      await client.sendBatch({
        topicMessages: [{ topic, messages }],
        ...(acks !== undefined && { acks }),
      })
      this.#delivering = true
    } catch (error) {
      throw toDeliveryError(error, topic, messages.length)
    }
  }

  #recordError(error: KafkaProducerError): void {
    this.#lastError = error
    this.#lastErrorAt = new Date()
    if (error.retriable) this.#delivering = false
  }

  async #close(): Promise<void> {
    const logger = this.#options.logger
    const deadline = Date.now() + this.#options.shutdownTimeoutMs
    log(logger, 'info', 'Kafka producer shutting down',
      { inFlight: this.#batcher.inFlight })

    if (!(await settlesBefore(this.flush(), deadline))) {
      log(logger, 'warn', 'Kafka producer shutdown timed out; rejecting the '
        + 'messages still pending', { inFlight: this.#batcher.inFlight })
      this.#batcher.rejectQueued((topic) => new KafkaShutdownError(
        `A message to "${topic}" was not sent before the shutdown timeout.`,
        topic, 'SHUTDOWN_TIMEOUT'))
    }
    const closed = this.#connection.close().catch((error: unknown) => {
      log(logger, 'warn', 'Kafka producer disconnect failed', { error })
    })
    await settlesBefore(closed, Math.max(deadline, Date.now() + 1000))
    this.#batcher.rejectAll(() => new KafkaShutdownError(
      'The producer shut down before the broker answered; the message may '
        + 'or may not have been delivered.', undefined, 'SHUTDOWN_TIMEOUT'))
    this.#done = true
    // Nothing is left for a signal to stop, nor a reason to stay registered.
    forgetOnSignals(this)
    this.#onShutDown?.()
    log(logger, 'info', 'Kafka producer shut down')
  }
}
