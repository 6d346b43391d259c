import {
  isConfigDefinition,
  type ConfigDefinition,
  type ConfigEntries,
} from './define-config'
import { copyData, deepFreeze } from './deep-freeze'
import { specOf, type ConfigEntry } from './entry'
import {
  assertEnvSource,
  readEnvironment,
  readVariable,
  type EnvSource,
} from './environment'
import { ConfigError, type ConfigIssue } from './errors/config-error'
import { ConfigUsageError } from './errors/config-usage-error'
import { loadEntry } from './load-entry'
import { createSecret } from './secret'
import type { DeepReadonly, SecretValue } from './types'

/** What one entry loads as: its value, or a `Secret` wrapping it. */
export type LoadedValue<E> =
  E extends ConfigEntry<infer T, infer S>
    ? S extends true
      ? SecretValue<T>
      : DeepReadonly<T>
    : never

/** The loaded configuration of a definition with entries `E`. */
export type LoadedConfig<E extends ConfigEntries> = {
  readonly [K in keyof E]: LoadedValue<E[K]>
}

/**
 * The loaded configuration type of a definition.
 * @example
 * export type AppConfig = InferConfig<typeof appConfig>
 */
export type InferConfig<D> =
  D extends ConfigDefinition<infer E> ? LoadedConfig<E> : never

/**
 * Validates the environment against `definition` and returns the
 * configuration, deeply frozen, with secret entries wrapped in `Secret`.
 * Call it once at startup. It reads only `NODE_ENV` and the declared
 * variables, never changes `env`, and never exits the process.
 *
 * `NODE_ENV` must be `production`, `development` or `test`; unset or
 * empty means production, so a forgotten variable fails safe.
 *
 * @param env - the variables to read. @default process.env
 * @throws ConfigError listing every problem at once, without values.
 * @example
 * const config = loadConfig(appConfig)
 * const pool = new pg.Pool({
 *   connectionString: config.DATABASE_URL.reveal(),
 * })
 */
export function loadConfig<E extends ConfigEntries>(
  definition: ConfigDefinition<E>,
  env: EnvSource = process.env,
): LoadedConfig<E> {
  if (!isConfigDefinition(definition)) {
    throw new ConfigUsageError(
      'loadConfig: the first argument is not a configuration definition.',
      'pass the result of defineConfig({ ... })',
    )
  }
  assertEnvSource(env, 'loadConfig')

  const { environment, issue, unset } = readEnvironment(env)
  const issues: ConfigIssue[] = issue ? [issue] : []
  const config: Record<string, unknown> = {}
  for (const [name, entry] of Object.entries(definition.entries)) {
    const spec = specOf(entry)
    if (!spec) continue
    const raw = readVariable(env, name)
    const outcome = loadEntry(name, spec, raw, environment)
    if (!outcome.ok) {
      issues.push(...outcome.issues)
      continue
    }
    const value = deepFreeze(copyData(outcome.value))
    config[name] = spec.secret && value !== undefined
      ? createSecret(value)
      : value
  }

  if (issues.length > 0) throw new ConfigError(issues, environment, unset)
  return Object.freeze(config) as LoadedConfig<E>
}
