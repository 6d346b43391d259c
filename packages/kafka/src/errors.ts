/** What went wrong, as a stable string a caller can branch on. */
export type KafkaErrorCode =
  | 'INVALID_OPTIONS'
  | 'CONFIG_CONFLICT'
  | 'INVALID_MESSAGE'
  | 'CONNECT_FAILED'
  | 'SEND_FAILED'
  | 'PRODUCER_SHUT_DOWN'
  | 'SHUTDOWN_TIMEOUT'

interface ErrorDetails {
  readonly retriable: boolean
  readonly fix: string
  readonly topic?: string | undefined
  readonly cause?: unknown
}

/**
 * The base of every error @tenantkit/kafka throws or rejects with. It names
 * the topic but never carries message contents, headers or credentials.
 *
 * @example
 * try {
 *   await producer.publish('orders', order, { tenantId })
 * } catch (error) {
 *   if (error instanceof KafkaProducerError && error.retriable) retryLater()
 * }
 */
export class KafkaProducerError extends Error {
  override readonly name: string = 'KafkaProducerError'
  /** A stable code to branch on. */
  readonly code: KafkaErrorCode
  /** True when publishing the same message again later can succeed. */
  readonly retriable: boolean
  /** The topic involved, when there is one. */
  readonly topic: string | undefined
  /** What to do about it. */
  readonly fix: string

  constructor(code: KafkaErrorCode, message: string, details: ErrorDetails) {
    super(`${message} ${details.fix}`, { cause: details.cause })
    this.code = code
    this.retriable = details.retriable
    this.topic = details.topic
    this.fix = details.fix
  }
}

/** Options given to `createProducer` or `getProducer` are invalid. */
export class KafkaConfigError extends KafkaProducerError {
  override readonly name: string = 'KafkaConfigError'

  constructor(
    message: string,
    fix: string,
    code: 'INVALID_OPTIONS' | 'CONFIG_CONFLICT' = 'INVALID_OPTIONS',
    cause?: unknown,
  ) {
    super(code, message, { retriable: false, fix, cause })
  }
}

/** The arguments of one `publish` call are invalid; nothing was sent. */
export class KafkaValidationError extends KafkaProducerError {
  override readonly name: string = 'KafkaValidationError'

  constructor(message: string, fix: string, topic?: string, cause?: unknown) {
    super('INVALID_MESSAGE', message, { retriable: false, fix, topic, cause })
  }
}

/** The producer could not connect; the next publish connects again. */
export class KafkaConnectionError extends KafkaProducerError {
  override readonly name: string = 'KafkaConnectionError'

  constructor(message: string, cause: unknown, topic?: string) {
    super('CONNECT_FAILED', message, {
      retriable: true,
      cause,
      topic,
      fix: 'Check that the brokers are reachable and the credentials are '
        + 'right; publishing again retries the connection.',
    })
  }
}

/** The broker did not acknowledge a batch; see `retriable` and `cause`. */
export class KafkaDeliveryError extends KafkaProducerError {
  override readonly name: string = 'KafkaDeliveryError'

  constructor(message: string, topic: string, retriable: boolean, cause: unknown) {
    super('SEND_FAILED', message, {
      retriable,
      cause,
      topic,
      fix: retriable
        ? 'The cause is transient (a broker restarting or unreachable): '
          + 'publish again, or let your job runner retry.'
        : 'Retrying will not help: check the topic, its size limits and '
          + 'the ACLs of this client (see `cause`).',
    })
  }
}

/** The producer is shutting down or shut down and takes no more messages. */
export class KafkaShutdownError extends KafkaProducerError {
  override readonly name: string = 'KafkaShutdownError'

  constructor(
    message: string,
    topic: string | undefined,
    code: 'PRODUCER_SHUT_DOWN' | 'SHUTDOWN_TIMEOUT' = 'PRODUCER_SHUT_DOWN',
  ) {
    super(code, message, {
      retriable: false,
      topic,
      fix: code === 'SHUTDOWN_TIMEOUT'
        ? 'Raise `shutdownTimeoutMs`, or publish such messages again after '
          + 'restart: they may or may not have reached the broker.'
        : 'Publish before calling shutdown(), or create a new producer.',
    })
  }
}
