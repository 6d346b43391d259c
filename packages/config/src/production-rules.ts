import { DEVELOPMENT_MARKER } from './development-values'
import type { EntrySpec } from './entry'

// Values people type while meaning "fill this in later".
const PLACEHOLDER = anyOf([
  'change[-_ .]?(me|it|this)',
  'replace[-_ .]?me',
  'placeholder|todo|tbd|fixme',
  'x{3,}|\\*{3,}',
  '<[^>]*>|\\$\\{[^}]*\\}',
  'your[-_ ].*[-_ ]here',
])

// Inside a secret, these words still mean "not filled in yet".
const PLACEHOLDER_WORD = /change[-_ .]?me|replace[-_ .]?me|placeholder/i

// Words no real secret is; refused only for entries marked secret.
const WEAK_SECRET = anyOf([
  'secret|password|passw0rd|pass|default|example',
  'test|testing|dummy|fake|insecure|admin|root',
  'null|undefined|none|dev|development',
  '123456\\d*|qwerty',
])

function anyOf(patterns: readonly string[]): RegExp {
  return new RegExp(`^(?:${patterns.join('|')})$`, 'i')
}

/** Why `text` is a placeholder (or, for secrets, a weak word), if it is. */
export function placeholderReason(
  text: string,
  secret: boolean,
): string | undefined {
  const value = text.trim()
  if (PLACEHOLDER.test(value)) return 'a placeholder such as changeme'
  if (secret && PLACEHOLDER_WORD.test(value)) {
    return 'a value containing a placeholder word such as changeme'
  }
  if (secret && WEAK_SECRET.test(value)) return 'a well-known weak value'
  return undefined
}

/** Whether `text` carries tenantkit's development marker. */
export function isDevelopmentValue(text: string): boolean {
  const value = text.trim()
  return (
    includesMarker(value) ||
    includesMarker(decodeUri(value)) ||
    includesMarker(decodeFernetShaped(value))
  )
}

/**
 * Why production refuses a value that parsed fine, or undefined. The raw
 * string and each of its comma-separated parts are checked.
 */
export function productionReason(
  spec: EntrySpec,
  raw: string,
  value: unknown,
): string | undefined {
  for (const part of [raw, ...raw.split(',')]) {
    const placeholder = placeholderReason(part, spec.secret)
    if (placeholder) return placeholder
    if (isDevelopmentValue(part)) return 'a tenantkit development value'
  }
  if (reusesDevelopmentDefault(spec, value)) {
    return 'the development or test default of this entry'
  }
  return spec.productionCheck?.(raw)
}

function reusesDevelopmentDefault(spec: EntrySpec, value: unknown): boolean {
  if (spec.presence.kind !== 'production' || !spec.presence.defaults) {
    return false
  }
  const { development, test } = spec.presence.defaults
  return [development, test].some((fallback) => overlaps(value, fallback))
}

// Equal values, or lists sharing an element (a development key kept in a
// production key list is as bad as the whole development list).
function overlaps(value: unknown, fallback: unknown): boolean {
  if (fallback === undefined) return false
  if (Array.isArray(value) && Array.isArray(fallback)) {
    return value.some((item) => fallback.some((f) => sameValue(item, f)))
  }
  return sameValue(value, fallback)
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object') return false
  return JSON.stringify(a) === JSON.stringify(b)
}

function includesMarker(text: string): boolean {
  return text.toLowerCase().includes(DEVELOPMENT_MARKER)
}

/** `decodeURIComponent`, or the text itself when an escape is malformed. */
export function decodeUri(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function decodeFernetShaped(text: string): string {
  if (!/^[A-Za-z0-9_-]{43}=$/.test(text)) return ''
  return Buffer.from(text, 'base64url').toString('latin1')
}
