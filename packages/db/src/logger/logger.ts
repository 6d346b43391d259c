/** Severity of a log event, from the most to the least verbose. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** One thing worth telling the operator. Never holds bound parameters. */
export interface LogEvent {
  readonly level: LogLevel
  /** Which part of tenantkit speaks, for example `db.pool`. */
  readonly component: string
  /** A fixed sentence; the variable parts go in `context`. */
  readonly message: string
  readonly context: Readonly<Record<string, unknown>>
}

/** Receives the events at or above the logger's level. */
export type LogFunction = (event: LogEvent) => void

/**
 * Where tenantkit sends its log events. tenantkit never writes to the
 * console: pass a function, or an object with a level and a function.
 *
 * @example
 * createDatabase({
 *   url,
 *   logger: {
 *     level: 'info',
 *     log: (e) => pino[e.level]({ ...e.context, component: e.component }, e.message),
 *   },
 * })
 */
export type Logger =
  | LogFunction
  | {
      /**
       * Lowest level sent to `log`; events below it are never built.
       * @default 'info'
       */
      readonly level?: LogLevel
      readonly log: LogFunction
    }

/** Lazy logging used inside tenantkit: context is built only when sent. */
export interface Log {
  enabled(level: LogLevel): boolean
  debug(message: string, context?: () => Record<string, unknown>): void
  info(message: string, context?: () => Record<string, unknown>): void
  warn(message: string, context?: () => Record<string, unknown>): void
  error(message: string, context?: () => Record<string, unknown>): void
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/**
 * Wraps an injected logger for one component. Without a logger every call
 * is a no-op; a logger that throws is ignored so logging never breaks a
 * query.
 *
 * @example
 * const log = createLog(options.logger, 'db.pool')
 * log.warn('idle connection lost', () => ({ code: error.code }))
 */
export function createLog(logger: Logger | undefined, component: string): Log {
  const sink = typeof logger === 'function' ? logger : logger?.log
  const min = RANK[(typeof logger === 'object' && logger.level) || 'info']
  const enabled = (level: LogLevel): boolean => sink !== undefined && RANK[level] >= min

  const emit = (level: LogLevel) => {
    return (message: string, context?: () => Record<string, unknown>): void => {
      if (!enabled(level)) return
      try {
        sink?.({ level, component, message, context: context?.() ?? {} })
      } catch {
        // A broken logger must not turn a logged event into a failed query.
      }
    }
  }
  return {
    enabled,
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
  }
}

/** Whether a value can be used as a `Logger`. */
export function isLogger(value: unknown): value is Logger {
  if (typeof value === 'function') return true
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as { log?: unknown; level?: unknown }
  const levelOk =
    candidate.level === undefined ||
    (typeof candidate.level === 'string' && Object.hasOwn(RANK, candidate.level))
  return typeof candidate.log === 'function' && levelOk
}
