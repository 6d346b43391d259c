/** Options every tenantkit database error accepts. */
export interface TenantkitErrorOptions {
  /** What the reader should do to fix the problem. */
  readonly fix: string
  /** The error that caused this one, kept for debugging. */
  readonly cause?: unknown
}

/**
 * Base class of every error `@tenantkit/db` throws. The message says what
 * went wrong, `fix` says what to do about it, and `code` is stable enough
 * to branch on. Messages never contain bound parameters or secrets.
 *
 * @example
 * try {
 *   db.forTenant('not-a-uuid')
 * } catch (error) {
 *   if (error instanceof TenantkitError) log.warn(error.code, error.fix)
 * }
 */
export class TenantkitError extends Error {
  override readonly name: string = 'TenantkitError'
  /** Stable, machine-readable identifier of the problem. */
  readonly code: string
  /** What to do to fix it. */
  readonly fix: string

  constructor(code: string, message: string, options: TenantkitErrorOptions) {
    super(
      `${message}\nFix: ${options.fix}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.code = code
    this.fix = options.fix
  }
}
