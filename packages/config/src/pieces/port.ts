import { z } from 'zod'
import type { ConfigEntry } from '../entry'
import { piece } from './piece'
import { parseDigits, report } from './report'

const EXPECTED = 'a TCP port: a whole number from 1 to 65535'

const schema = z.string().transform((raw, ctx) => {
  const port = parseDigits(raw.trim())
  if (port !== undefined && port >= 1 && port <= 65535) return port
  report(ctx, `${EXPECTED}, digits only`)
  return z.NEVER
})

/**
 * A TCP port number from 1 to 65535, written in plain digits (no sign,
 * decimals, exponent or hex). Loads as a number.
 *
 * @example
 * PORT: port().default(3000)
 */
export function port(): ConfigEntry<number, false> {
  return piece(false, { schema, expected: EXPECTED })
}
