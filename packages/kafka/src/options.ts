import type { KafkaProducerClient } from './client'
import type { KafkaLogger } from './logger'

/** How many replicas must acknowledge a write: all in-sync, leader, none. */
export type Acks = -1 | 0 | 1

/** KafkaJS's retry settings, used for connecting and for each send. */
export interface RetryOptions {
  /** @default 5 */
  readonly retries?: number
  /** @default 300 */
  readonly initialRetryTime?: number
  /** @default 30000 */
  readonly maxRetryTime?: number
  /** @default 0.2 */
  readonly factor?: number
  /** @default 2 */
  readonly multiplier?: number
}

/** SASL settings handed to KafkaJS as they are (kept out of logs). */
export interface SaslOptions {
  readonly mechanism: string
  readonly [setting: string]: unknown
}

/**
 * Everything a producer can be configured with. Give `brokers` and let
 * tenantkit build a KafkaJS client, or give `client` to bring your own.
 *
 * @example
 * const producer = createProducer({
 *   brokers: ['kafka-1:9092'],
 *   clientId: 'billing-api',
 *   logger: console,
 * })
 */
export interface ProducerOptions {
  /**
   * Bootstrap brokers as `host:port`. Required unless `client` is given.
   * @example ['kafka-1:9092', 'kafka-2:9092']
   */
  readonly brokers?: readonly string[]
  /**
   * The client id brokers see in their logs and quotas.
   * @default 'tenantkit'
   */
  readonly clientId?: string
  /**
   * A KafkaJS-compatible producer, not yet connected, to use instead of
   * building one from `brokers`. tenantkit connects, sends through
   * `sendBatch` and disconnects it; configure its logging, partitioner and
   * idempotence on the client itself.
   * @example new Kafka({ brokers, logCreator }).producer({ createPartitioner })
   */
  readonly client?: KafkaProducerClient
  /**
   * Name of the singleton for `getProducer`; required there with `client`.
   * @default `${clientId}@${sorted brokers}`
   */
  readonly name?: string
  /**
   * Header that carries the tenant id of every message.
   * @default 'tenant-id'
   */
  readonly tenantHeader?: string
  /**
   * How long a message to an idle topic waits for others to share its
   * produce request. With 0 it leaves at once, and whatever is published
   * while it is in flight shares the next request: batching without added
   * latency. A topic never has more than one request in flight.
   * @default 0
   */
  readonly lingerMs?: number
  /**
   * Most messages in one produce request for one topic.
   * @default 1000
   */
  readonly maxBatchSize?: number
  /**
   * Most bytes (keys, values, headers) in one produce request for one
   * topic; a single larger message is refused at publish.
   * @default 1000000
   */
  readonly maxBatchBytes?: number
  /**
   * Acknowledgements to wait for. Only sent when set, so KafkaJS's own
   * default applies otherwise, which is -1 (all in-sync replicas).
   * @default -1
   */
  readonly acks?: Acks
  /**
   * Turn on KafkaJS's idempotent producer (no duplicates on retry within a
   * session). Needs `acks: -1` and a real Kafka broker: librdkafka's mock
   * cluster used in tests refuses it at connect.
   * @default false
   */
  readonly idempotent?: boolean
  /**
   * How long `shutdown()` waits for accepted messages before rejecting
   * the rest with a `KafkaShutdownError`.
   * @default 10000
   */
  readonly shutdownTimeoutMs?: number
  /**
   * Shut down on SIGTERM and SIGINT, then let the signal end the process.
   * Installed once per process for every producer that asks.
   * @default false
   */
  readonly handleSignals?: boolean
  /**
   * Receives tenantkit's and KafkaJS's logs. Silent when not given.
   * @default undefined
   */
  readonly logger?: KafkaLogger
  /**
   * KafkaJS log level routed to `logger`: 0 nothing, 1 error, 2 warn,
   * 4 info, 5 debug.
   * @default 2
   */
  readonly kafkaLogLevel?: 0 | 1 | 2 | 4 | 5
  /**
   * Milliseconds to establish a TCP connection to a broker.
   * @default 1000
   */
  readonly connectionTimeoutMs?: number
  /**
   * Milliseconds to wait for a broker's answer to one request.
   * @default 30000
   */
  readonly requestTimeoutMs?: number
  /**
   * Retries of KafkaJS for connecting and for each produce request.
   * @default { retries: 5, initialRetryTime: 300 }
   */
  readonly retry?: RetryOptions
  /**
   * TLS: `true` for system CAs, or `tls.connect` options.
   * @default false
   */
  readonly ssl?: boolean | Readonly<Record<string, unknown>>
  /**
   * SASL authentication, as KafkaJS takes it.
   * @example { mechanism: 'scram-sha-512', username, password }
   */
  readonly sasl?: SaslOptions
}
