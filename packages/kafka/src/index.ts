export type { ClientBatch, ClientMessage, KafkaProducerClient } from './client'
export {
  KafkaConfigError,
  KafkaConnectionError,
  KafkaDeliveryError,
  KafkaProducerError,
  KafkaShutdownError,
  KafkaValidationError,
  type KafkaErrorCode,
} from './errors'
export {
  createKafkaJsLogCreator,
  type KafkaJsLogCreator,
  type KafkaJsLogEntry,
  type KafkaLogger,
  type LogContext,
} from './logger'
export type { MessageValue, PublishOptions } from './message'
export type { Acks, ProducerOptions, RetryOptions, SaslOptions } from './options'
export {
  createProducer,
  type ProducerHealth,
  type ProducerState,
  type TenantProducer,
} from './producer'
export { shutdownOnSignals, type Shutdownable } from './signals'
export { getProducer } from './singleton'
