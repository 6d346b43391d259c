import { z } from 'zod'
import type { ConfigEntry } from '../entry'
import { piece } from './piece'
import { report } from './report'

const TRUE = ['true', '1', 'yes', 'on']
const FALSE = ['false', '0', 'no', 'off']

const EXPECTED =
  `true or false (also ${TRUE.slice(1).join('/')} or ` +
  `${FALSE.slice(1).join('/')}, in any letter case)`

const schema = z.string().transform((raw, ctx) => {
  const word = raw.trim().toLowerCase()
  if (TRUE.includes(word)) return true
  if (FALSE.includes(word)) return false
  report(ctx, EXPECTED)
  return z.NEVER
})

/**
 * A boolean spelled `true`/`false`, `1`/`0`, `yes`/`no` or `on`/`off` in any
 * letter case. `"false"` is false, and any other spelling is an error
 * rather than a guess.
 *
 * @example
 * AUDIT_LOG: strictBoolean().default(true)
 */
export function strictBoolean(): ConfigEntry<boolean, false> {
  return piece(false, { schema, expected: EXPECTED })
}
