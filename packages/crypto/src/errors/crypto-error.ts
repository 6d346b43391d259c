/** Options every `@tenantkit/crypto` error accepts. */
export interface CryptoErrorOptions {
  /** What the reader should do to fix the problem. */
  readonly fix: string
  /** The error that caused this one, kept for debugging. */
  readonly cause?: unknown
}

/**
 * Base class of every error `@tenantkit/crypto` throws. The message says
 * what went wrong, `fix` says what to do, and `code` is stable enough to
 * branch on. No message ever contains a key, a token or a plaintext.
 *
 * @example
 * try {
 *   keyRing.decrypt(token)
 * } catch (error) {
 *   if (error instanceof CryptoError) log.warn({ code: error.code })
 * }
 */
export class CryptoError extends Error {
  override readonly name: string = 'CryptoError'
  /** Stable, machine-readable identifier of the problem. */
  readonly code: string
  /** What to do to fix it. */
  readonly fix: string

  constructor(code: string, message: string, options: CryptoErrorOptions) {
    super(
      `${message}\nFix: ${options.fix}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.code = code
    this.fix = options.fix
  }
}
