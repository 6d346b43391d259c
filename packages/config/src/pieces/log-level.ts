import { z } from 'zod'
import type { ConfigEntry } from '../entry'
import { piece } from './piece'
import { report } from './report'

/** Log levels as pino and most Node loggers name them. */
export type LogLevel =
  | 'fatal'
  | 'error'
  | 'warn'
  | 'info'
  | 'debug'
  | 'trace'
  | 'silent'

/** Every {@link LogLevel}, most severe first. */
export const LOG_LEVELS: readonly LogLevel[] = Object.freeze([
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
])

const EXPECTED = `one of ${LOG_LEVELS.join(', ')}`

const schema = z.string().transform((raw, ctx) => {
  const level = raw.trim().toLowerCase()
  if ((LOG_LEVELS as readonly string[]).includes(level)) {
    return level as LogLevel
  }
  report(ctx, EXPECTED)
  return z.NEVER
})

/**
 * A log level; any letter case is accepted and loaded in lower case.
 *
 * @example
 * LOG_LEVEL: logLevel().default('info')
 */
export function logLevel(): ConfigEntry<LogLevel, false> {
  return piece(false, { schema, expected: EXPECTED })
}
