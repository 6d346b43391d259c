import type { KafkaConfig, SASLOptions } from 'kafkajs'
import { KafkaConfigError } from './errors'
import type { KafkaProducerClient } from './client'
import { createKafkaJsLogCreator } from './logger'
import type { ProducerOptions } from './options'
import type { ResolvedOptions } from './resolve-options'

type KafkaJs = typeof import('kafkajs')

/**
 * Builds a KafkaJS producer from the options. KafkaJS is loaded on first
 * connect, so hosts that bring their own client never need it installed.
 */
export async function createKafkaJsClient(
  options: ProducerOptions,
  resolved: ResolvedOptions,
): Promise<KafkaProducerClient> {
  const { Kafka, Partitioners } = await loadKafkaJs()
  const config: KafkaConfig = {
    brokers: [...resolved.brokers],
    clientId: resolved.clientId,
    logLevel: resolved.kafkaLogLevel,
    logCreator: createKafkaJsLogCreator(resolved.logger),
    connectionTimeout: resolved.connectionTimeoutMs,
    requestTimeout: resolved.requestTimeoutMs,
  }
  if (options.retry) config.retry = { ...options.retry }
  if (options.ssl !== undefined) {
    config.ssl = options.ssl as NonNullable<KafkaConfig['ssl']>
  }
  if (options.sasl) config.sasl = options.sasl as SASLOptions
  const kafka = new Kafka(config)

  // Naming the partitioner is what keeps KafkaJS from warning about its
  // changed default; murmur2 on the key matches the Java client.
  return kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: resolved.idempotent,
    ...(options.retry && { retry: { ...options.retry } }),
  })
}

async function loadKafkaJs(): Promise<KafkaJs> {
  let loaded: KafkaJs & { default?: KafkaJs }
  try {
    loaded = await import('kafkajs')
  } catch (error) {
    throw new KafkaConfigError(
      'Cannot load kafkajs, which builds the client when `brokers` is given.',
      'Install it (npm i kafkajs@^2.2.4) or pass a KafkaJS-compatible '
        + '`client`.',
      'INVALID_OPTIONS',
      error,
    )
  }
  // Depending on the loader, CommonJS exports arrive named or as default.
  const module = typeof loaded.Kafka === 'function' ? loaded : loaded.default
  if (typeof module?.Kafka !== 'function') {
    throw new KafkaConfigError('The installed kafkajs has no Kafka export.',
      'Install kafkajs@^2.2.4.')
  }
  return module
}
