import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * Compares a presented admin token with the configured one in constant
 * time: both are hashed first, so even their lengths stay hidden.
 *
 * @example
 * if (!isAdminToken(header, config.ADMIN_TOKEN.reveal())) reply(401)
 */
export function isAdminToken(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest()
  const b = createHash('sha256').update(expected, 'utf8').digest()
  return timingSafeEqual(a, b)
}

/**
 * The token of an `Authorization: Bearer <token>` header, or undefined.
 *
 * @example
 * const token = bearerToken(request.headers.authorization)
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header)
  return match?.[1]
}
