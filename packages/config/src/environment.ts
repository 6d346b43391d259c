import { ConfigError, type ConfigIssue } from './errors/config-error'
import { ConfigUsageError } from './errors/config-usage-error'

/** The environments tenantkit knows, spelled as `NODE_ENV` spells them. */
export type Environment = 'production' | 'development' | 'test'

/** Environment variables as `process.env` holds them. */
export type EnvSource = Readonly<Record<string, string | undefined>>

const KNOWN: readonly string[] = ['production', 'development', 'test']

/** Result of reading `NODE_ENV`; an invalid value is checked as production. */
export interface ResolvedEnvironment {
  readonly environment: Environment
  readonly issue: ConfigIssue | undefined
  /** Whether production was assumed because `NODE_ENV` is unset or empty. */
  readonly unset: boolean
}

/**
 * Reads one variable with a plain property read. A value that is the one
 * `Object.prototype` holds under that name (put there by prototype
 * pollution, or built in like `toString`) counts as unset, so pollution
 * can never set `NODE_ENV` or a secret.
 */
export function readVariable(env: EnvSource, name: string): unknown {
  const value: unknown = env[name]
  const inherited = name in Object.prototype &&
    value === Reflect.get(Object.prototype, name)
  return inherited ? undefined : value
}

/** Reads `NODE_ENV` without throwing. Shared by `loadConfig`. */
export function readEnvironment(env: EnvSource): ResolvedEnvironment {
  const raw = readVariable(env, 'NODE_ENV')
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    // A forgotten NODE_ENV fails safe: every production rule applies.
    return { environment: 'production', issue: undefined, unset: true }
  }
  if (typeof raw === 'string' && KNOWN.includes(raw)) {
    return { environment: raw as Environment, issue: undefined, unset: false }
  }
  return {
    environment: 'production',
    unset: false,
    issue: {
      variable: 'NODE_ENV',
      code: 'invalid',
      expected: 'production, development or test (unset means production)',
      fix:
        'set NODE_ENV to exactly production, development or test; values ' +
        'such as staging are checked as production, so use production',
    },
  }
}

/**
 * Tells which environment `env` describes: `NODE_ENV` of `production`,
 * `development` or `test`, and production when it is unset or empty.
 *
 * @param env - where to read `NODE_ENV`. @default process.env
 * @throws ConfigError when `NODE_ENV` has any other value.
 * @example
 * if (resolveEnvironment() !== 'production') app.register(swagger)
 */
export function resolveEnvironment(
  env: EnvSource = process.env,
): Environment {
  assertEnvSource(env, 'resolveEnvironment')
  const { environment, issue } = readEnvironment(env)
  if (issue) throw new ConfigError([issue], environment)
  return environment
}

/** Throws a usage error unless `env` is an object of variables. */
export function assertEnvSource(env: unknown, caller: string): void {
  if (typeof env !== 'object' || env === null || Array.isArray(env)) {
    throw new ConfigUsageError(
      `${caller}: env must be an object of environment variables.`,
      'pass process.env, or omit the argument to use it',
    )
  }
}
