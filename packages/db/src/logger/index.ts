export {
  createLog,
  isLogger,
  type Log,
  type LogEvent,
  type LogFunction,
  type Logger,
  type LogLevel,
} from './logger'
