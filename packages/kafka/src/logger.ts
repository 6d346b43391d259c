/** Structured context attached to a log line; never message contents. */
export type LogContext = Record<string, unknown>

/**
 * Where the producer and KafkaJS write their logs. Every method is optional;
 * `console` fits, and so does a small adapter around pino or winston.
 *
 * @example
 * createProducer({ brokers, logger: console })
 * createProducer({ brokers, logger: { warn: (m, c) => pino.warn(c, m) } })
 */
export interface KafkaLogger {
  error?(message: string, context?: LogContext): void
  warn?(message: string, context?: LogContext): void
  info?(message: string, context?: LogContext): void
  debug?(message: string, context?: LogContext): void
}

/** One KafkaJS log entry, as its `logCreator` receives it. */
export interface KafkaJsLogEntry {
  readonly namespace: string
  readonly level: number
  readonly label: string
  readonly log: { readonly message: string } & LogContext
}

/** The shape of KafkaJS's `logCreator` option. */
export type KafkaJsLogCreator = (
  level: number,
) => (entry: KafkaJsLogEntry) => void

/** The four levels tenantkit logs at. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug'

/**
 * Routes KafkaJS's own log lines (its partitioner warning, connection
 * errors, retries) to an injected logger instead of the console. tenantkit
 * installs it on the clients it builds; pass it to your own `new Kafka()`
 * when you bring a client.
 *
 * @example
 * const kafka = new Kafka({ brokers, logCreator: createKafkaJsLogCreator(log) })
 */
export function createKafkaJsLogCreator(logger: KafkaLogger): KafkaJsLogCreator {
  return () => (entry) => {
    const method = levelName(entry.level)
    const write = logger[method]
    if (!write) return
    const { message, timestamp: _t, logger: _l, ...context } = entry.log
    const namespace = entry.namespace ? ` ${entry.namespace}` : ''
    write.call(logger, `kafkajs${namespace}: ${message}`, context)
  }
}

function levelName(level: number): LogLevel {
  if (level <= 1) return 'error'
  if (level === 2) return 'warn'
  if (level <= 4) return 'info'
  return 'debug'
}

/** Calls `logger[level]` when the host provided it. */
export function log(
  logger: KafkaLogger,
  level: LogLevel,
  message: string,
  context?: LogContext,
): void {
  const write = logger[level]
  if (!write) return
  // No trailing undefined: `console` would print it.
  if (context === undefined) write.call(logger, message)
  else write.call(logger, message, context)
}
