import { KafkaConfigError } from './errors'
import type { KafkaLogger } from './logger'
import type { ProducerOptions } from './options'

/** Options after validation, with every default filled in. */
export interface ResolvedOptions {
  readonly brokers: readonly string[]
  readonly clientId: string
  readonly tenantHeader: string
  readonly lingerMs: number
  readonly maxBatchSize: number
  readonly maxBatchBytes: number
  readonly acks: ProducerOptions['acks']
  readonly idempotent: boolean
  readonly shutdownTimeoutMs: number
  readonly kafkaLogLevel: 0 | 1 | 2 | 4 | 5
  readonly connectionTimeoutMs: number
  readonly requestTimeoutMs: number
  readonly logger: KafkaLogger
}

const BROKER = /^[^\s:/]+:\d{1,5}$|^\[[0-9a-fA-F:.]+\]:\d{1,5}$/
const HEADER = /^[\x21-\x7e]+$/

/** Validates options and fills in defaults; throws `KafkaConfigError`. */
export function resolveOptions(options: ProducerOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    fail('options must be an object', 'Pass { brokers: [\'host:9092\'] }.')
  }
  const brokers = options.brokers ?? []
  checkBrokers(brokers, options.client !== undefined)
  checkClient(options)

  const idempotent = options.idempotent ?? false
  if (idempotent && options.acks !== undefined && options.acks !== -1) {
    fail('idempotent: true requires acks: -1',
      'Remove `acks` or set it to -1 for the idempotent producer.')
  }
  if (options.acks !== undefined && ![-1, 0, 1].includes(options.acks)) {
    fail('acks must be -1, 0 or 1', 'Use -1 (all in-sync replicas).')
  }

  return {
    brokers,
    clientId: text('clientId', options.clientId, 'tenantkit'),
    tenantHeader: header(options.tenantHeader),
    lingerMs: count('lingerMs', options.lingerMs, 0, 0),
    maxBatchSize: count('maxBatchSize', options.maxBatchSize, 1000, 1),
    maxBatchBytes: count('maxBatchBytes', options.maxBatchBytes, 1e6, 1),
    acks: options.acks,
    idempotent,
    shutdownTimeoutMs: count('shutdownTimeoutMs', options.shutdownTimeoutMs,
      10_000, 0),
    kafkaLogLevel: logLevel(options.kafkaLogLevel),
    connectionTimeoutMs: count('connectionTimeoutMs',
      options.connectionTimeoutMs, 1000, 1),
    requestTimeoutMs: count('requestTimeoutMs', options.requestTimeoutMs,
      30_000, 1),
    logger: options.logger ?? {},
  }
}

function checkBrokers(brokers: readonly string[], hasClient: boolean): void {
  if (!Array.isArray(brokers)) {
    fail('brokers must be an array of "host:port" strings',
      'Pass brokers: [\'kafka-1:9092\'].')
  }
  if (brokers.length === 0 && !hasClient) {
    fail('brokers is empty and no client was given',
      'Pass brokers: [\'kafka-1:9092\'] or a KafkaJS-compatible `client`.')
  }
  for (const [index, broker] of brokers.entries()) {
    if (typeof broker !== 'string' || !BROKER.test(broker)) {
      fail(`brokers[${index}] is not "host:port"`,
        'Write each broker as host:port, e.g. kafka-1:9092.')
    }
  }
}

function checkClient(options: ProducerOptions): void {
  const client = options.client
  if (client === undefined) return
  const methods = ['connect', 'disconnect', 'sendBatch'] as const
  const missing = methods.filter((m) => typeof client[m] !== 'function')
  if (missing.length > 0) {
    fail(`client lacks ${missing.join(', ')}`,
      'Pass a KafkaJS-compatible producer, e.g. kafka.producer().')
  }
  if (options.idempotent !== undefined) {
    fail('idempotent cannot be set together with client',
      'Configure idempotence on the client you pass in.')
  }
}

function text(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || value.trim() === '') {
    fail(`${name} must be a non-empty string`, `Set ${name} or leave it out.`)
  }
  return value
}

function logLevel(value: number | undefined): 0 | 1 | 2 | 4 | 5 {
  if (value === undefined) return 2
  if (value === 0 || value === 1 || value === 2 || value === 4 || value === 5) {
    return value
  }
  return fail('kafkaLogLevel must be 0, 1, 2, 4 or 5',
    'Use 2 (warn) or KafkaJS\'s logLevel values.')
}

function header(value: string | undefined): string {
  const name = text('tenantHeader', value, 'tenant-id')
  if (!HEADER.test(name)) {
    fail('tenantHeader must be printable ASCII without spaces',
      'Use a header name like tenant-id.')
  }
  return name
}

function count(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < min) {
    fail(`${name} must be an integer >= ${min}`,
      `Set ${name} to a whole number or leave it out (default ${fallback}).`)
  }
  return value
}

function fail(message: string, fix: string): never {
  throw new KafkaConfigError(`Invalid Kafka producer options: ${message}.`, fix)
}
