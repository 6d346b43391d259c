import { createHash } from 'node:crypto'

/**
 * A short, stable label for an access token that the API can show and a
 * support engineer can compare ("is this the token the CRM shows?"),
 * without revealing anything usable: 48 bits of its SHA-256.
 *
 * @example
 * tokenFingerprint(accessToken) // 'sha256:3f9a0c41d27e'
 */
export function tokenFingerprint(token: string): string {
  const digest = createHash('sha256').update(token, 'utf8').digest('hex')
  return `sha256:${digest.slice(0, 12)}`
}
