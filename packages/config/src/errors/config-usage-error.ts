/**
 * Thrown when the API is used wrongly: a malformed definition, an argument
 * of the wrong type, an unreadable `.env` file. It is a bug in the calling
 * code, not a problem with the environment, and `fix` says what to change.
 */
export class ConfigUsageError extends Error {
  override readonly name = 'ConfigUsageError'
  /** What to change in the calling code. */
  readonly fix: string

  constructor(problem: string, fix: string, options?: { cause?: unknown }) {
    super(`${problem} Fix: ${fix}`, options)
    this.fix = fix
  }
}
