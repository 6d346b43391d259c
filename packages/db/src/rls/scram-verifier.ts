import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'

/** Iterations PostgreSQL itself uses for `scram_iterations`. */
const ITERATIONS = 4096

// Printable ASCII: SASLprep leaves it unchanged, so the verifier computed
// here matches what PostgreSQL derives from the same password.
const PRINTABLE_ASCII = /^[\x20-\x7e]{1,1024}$/

/** Whether a password can be hashed here exactly as PostgreSQL would. */
export function isHashablePassword(value: unknown): value is string {
  return typeof value === 'string' && PRINTABLE_ASCII.test(value)
}

/**
 * Computes a SCRAM-SHA-256 verifier, the form PostgreSQL stores passwords
 * in. Sending the verifier instead of the password keeps the password out
 * of statement logs and `pg_stat_activity`, as psql's `\password` does.
 */
export function scramSha256Verifier(
  password: string,
  salt: Buffer = randomBytes(16),
  iterations: number = ITERATIONS,
): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256')
  const clientKey = hmac(salted, 'Client Key')
  const storedKey = createHash('sha256').update(clientKey).digest()
  const serverKey = hmac(salted, 'Server Key')
  const b64 = (b: Buffer): string => b.toString('base64')
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`
}

function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest()
}
