import { z } from 'zod'
import { checkOptions } from '../check-options'
import { ConfigUsageError } from '../errors/config-usage-error'
import type { ConfigEntry } from '../entry'
import { piece } from './piece'
import { report } from './report'

/** Bounds for {@link integer}. */
export interface IntegerOptions {
  /**
   * Smallest accepted value.
   * @default Number.MIN_SAFE_INTEGER
   */
  readonly min?: number
  /**
   * Largest accepted value.
   * @default Number.MAX_SAFE_INTEGER
   */
  readonly max?: number
}

/**
 * A whole number in plain digits with an optional leading minus, within
 * `min` and `max`. Loads as a number.
 *
 * @example
 * POOL_SIZE: integer({ min: 1, max: 100 }).default(10)
 */
export function integer(
  options: IntegerOptions = {},
): ConfigEntry<number, false> {
  checkOptions(options, 'integer')
  const min = bound(options.min, Number.MIN_SAFE_INTEGER, 'min')
  const max = bound(options.max, Number.MAX_SAFE_INTEGER, 'max')
  if (min > max) {
    throw new ConfigUsageError(
      'integer: min is greater than max.',
      'swap the bounds or widen them',
    )
  }
  const expected = `a whole number from ${min} to ${max}`
  const schema = z.string().transform((raw, ctx) => {
    const text = raw.trim()
    const value = /^-?\d{1,16}$/.test(text) ? Number(text) : Number.NaN
    if (Number.isSafeInteger(value) && value >= min && value <= max) {
      return value
    }
    report(ctx, `${expected}, in plain digits`)
    return z.NEVER
  })
  return piece(false, { schema, expected })
}

function bound(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  throw new ConfigUsageError(
    `integer: ${name} must be a safe integer.`,
    `pass a whole number as ${name}, or leave it out`,
  )
}
