/**
 * Thrown when no database or broker can be found for the tests. The message
 * lists every place that was tried and what to install or set to fix it.
 *
 * @example
 * const error = await findPostgres().catch((e: unknown) => e)
 * if (error instanceof ProvisionError) console.error(error.attempts)
 */
export class ProvisionError extends Error {
  override readonly name = 'ProvisionError'
  readonly attempts: readonly string[]

  constructor(what: string, attempts: readonly string[], fix: string) {
    super(
      `No ${what} for the tests. Tried:\n` +
        attempts.map((a) => `  - ${a}`).join('\n') +
        `\n${fix}`,
    )
    this.attempts = attempts
  }
}
