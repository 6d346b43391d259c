import type { Environment } from '../environment'

/** What kind of problem a {@link ConfigIssue} reports. */
export type ConfigIssueCode =
  /** The variable is unset or empty (or only whitespace). */
  | 'missing'
  /** The value does not have the expected format. */
  | 'invalid'
  /** Production refuses a placeholder or a development value. */
  | 'insecure'

/** One problem with one environment variable. Never holds the value. */
export interface ConfigIssue {
  /** Name of the environment variable, e.g. `DATABASE_URL`. */
  readonly variable: string
  readonly code: ConfigIssueCode
  /** What a valid value looks like. */
  readonly expected: string
  /** What to do about it. */
  readonly fix: string
}

/**
 * Thrown by `loadConfig` when the environment is not valid. It lists every
 * problem at once, each with the variable, what was expected and how to fix
 * it. Neither the message nor `issues` ever contains a value that was read.
 *
 * @example
 * try {
 *   config = loadConfig(appConfig)
 * } catch (error) {
 *   if (error instanceof ConfigError) console.error(error.message)
 *   process.exitCode = 1
 * }
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  /** Every problem found, in the order the variables were declared. */
  readonly issues: readonly ConfigIssue[]
  /** The environment the values were checked for. */
  readonly environment: Environment

  /**
   * @param nodeEnvUnset - whether production was assumed because
   * `NODE_ENV` is unset; the message then says so.
   */
  constructor(
    issues: readonly ConfigIssue[],
    environment: Environment,
    nodeEnvUnset = false,
  ) {
    super(formatMessage(issues, environment, nodeEnvUnset))
    this.issues = Object.freeze(
      issues.map((issue) => Object.freeze({ ...issue })),
    )
    this.environment = environment
  }
}

function formatMessage(
  issues: readonly ConfigIssue[],
  environment: Environment,
  nodeEnvUnset: boolean,
): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`
  const assumed = nodeEnvUnset
    ? ' (NODE_ENV is unset, which means production)'
    : ''
  const lines = [
    `Invalid configuration for ${environment}${assumed}: ${count}.`,
  ]
  for (const issue of issues) {
    lines.push(`- ${issue.variable}: ${LABELS[issue.code]}`)
    lines.push(`    expected: ${issue.expected}`)
    lines.push(`    fix: ${issue.fix}`)
  }
  return lines.join('\n')
}

const LABELS: Record<ConfigIssueCode, string> = {
  missing: 'missing',
  invalid: 'invalid value',
  insecure: 'refused in production',
}
