import { TenantkitError } from './tenantkit-error'

/** One invalid option: where it is and what is wrong with it. */
export interface ConfigurationIssue {
  /** Dotted path of the option, for example `pool.max`. */
  readonly path: string
  /** What is wrong and what is expected. */
  readonly message: string
}

/**
 * Thrown when options are invalid. It lists every problem at once, so a
 * single run shows everything to fix.
 *
 * @example
 * createDatabase({ url: 'postgres://app@db/app', max: 0 })
 * // ConfigurationError: createDatabase: 1 invalid option
 * //   - max: must be an integer >= 1, got 0
 */
export class ConfigurationError extends TenantkitError {
  override readonly name: string = 'ConfigurationError'
  /** Every invalid option found. */
  readonly issues: readonly ConfigurationIssue[]

  constructor(where: string, issues: readonly ConfigurationIssue[]) {
    const count = `${issues.length} invalid option${issues.length === 1 ? '' : 's'}`
    const list = issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')
    super('invalid_options', `${where}: ${count}\n${list}`, {
      fix: 'Correct the options listed above; each line says what is expected.',
    })
    this.issues = issues
  }
}
