/**
 * Thrown when a kit function is called with options it cannot use. The
 * message names the function and the option; `fix` says what to pass.
 *
 * @example
 * try {
 *   await createTestDatabase(url, { prefix: 'Bad Name' })
 * } catch (error) {
 *   if (error instanceof UsageError) console.error(error.fix)
 * }
 */
export class UsageError extends TypeError {
  override readonly name = 'UsageError'
  /** What to pass instead. */
  readonly fix: string

  constructor(where: string, problem: string, fix: string, cause?: unknown) {
    super(`${where}: ${problem}. Fix: ${fix}`, cause === undefined ? undefined : { cause })
    this.fix = fix
  }
}
