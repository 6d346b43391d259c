import { REDACTED } from './secret'

// Shorter fragments would mangle ordinary words in a message.
const MIN_SCRUBBED_LENGTH = 3

/**
 * Removes `raw`, and each of its comma-separated parts, from a message a
 * schema produced, in case a custom message quoted the value.
 */
export function scrub(message: string, raw: string): string {
  const fragments = [raw, raw.trim(), ...raw.split(',').map((p) => p.trim())]
    .filter((fragment) => fragment.length >= MIN_SCRUBBED_LENGTH)
    .sort((a, b) => b.length - a.length)
  let result = message
  for (const fragment of fragments) {
    result = result.split(fragment).join(REDACTED)
  }
  return result
}
