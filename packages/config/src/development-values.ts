/**
 * The text every development value tenantkit ships contains. Production
 * refuses any value that contains it, URL-encoded or inside a Fernet key.
 */
export const DEVELOPMENT_MARKER = 'tenantkit-development'

/**
 * A PostgreSQL URL for local development (the `postgres` user on loopback).
 * The password carries the development marker, so production refuses it.
 */
export const DEVELOPMENT_DATABASE_URL: string =
  'postgres://postgres:tenantkit-development@127.0.0.1:5432/postgres'

/**
 * A valid Fernet key for development and tests: its 32 bytes spell
 * `tenantkit-development-fernet-key`, so anyone decoding it sees what it
 * is, and production refuses it.
 */
export const DEVELOPMENT_FERNET_KEY: string = encodeKey(
  'tenantkit-development-fernet-key',
)

/**
 * A development key list, newest first: {@link DEVELOPMENT_FERNET_KEY} and
 * an older key (`tenantkit-development-fernet-old`), to exercise rotation.
 */
export const DEVELOPMENT_FERNET_KEYS: readonly string[] = Object.freeze([
  DEVELOPMENT_FERNET_KEY,
  encodeKey('tenantkit-development-fernet-old'),
])

/** A generic secret for development and tests, refused in production. */
export const DEVELOPMENT_SECRET: string =
  'tenantkit-development-secret-not-for-production'

function encodeKey(text: string): string {
  return Buffer.from(text, 'latin1').toString('base64url') + '='
}
