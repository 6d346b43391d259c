import { specOf, type ConfigEntry } from './entry'
import { ConfigUsageError } from './errors/config-usage-error'

/** The entries of a configuration, keyed by environment variable name. */
export type ConfigEntries = Readonly<
  Record<string, ConfigEntry<unknown, boolean>>
>

/**
 * A declared configuration. Creating one reads no environment variable
 * and validates nothing; pass it to `loadConfig` at startup.
 */
export interface ConfigDefinition<E extends ConfigEntries> {
  /** The entries, as declared. */
  readonly entries: E
}

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/
const definitions = new WeakSet<object>()

/**
 * Declares an app's configuration: one entry per environment variable.
 * It only records the entries, so a module that exports the result can
 * be imported anywhere (tests, scripts, tooling) without side effects.
 *
 * @throws ConfigUsageError when an entry is not one of this package's
 * entries or a name is not a valid environment variable name.
 * @example
 * export const appConfig = defineConfig({
 *   PORT: port().default(3000),
 *   DATABASE_URL: databaseUrl().requiredInProduction({
 *     development: DEVELOPMENT_DATABASE_URL,
 *   }),
 * })
 */
export function defineConfig<const E extends ConfigEntries>(
  entries: E,
): ConfigDefinition<E> {
  if (typeof entries !== 'object' || entries === null) {
    throw new ConfigUsageError(
      'defineConfig: expected an object of entries.',
      'call defineConfig({ NAME: entry, ... })',
    )
  }
  const copy: Record<string, ConfigEntry<unknown, boolean>> = {}
  for (const [name, entry] of Object.entries(entries)) {
    checkName(name)
    if (!specOf(entry)) {
      throw new ConfigUsageError(
        `defineConfig: ${name} is not a config entry.`,
        'build it with a piece such as port(), or wrap a zod schema ' +
          'with setting(schema)',
      )
    }
    copy[name] = entry
  }
  const definition = Object.freeze({ entries: Object.freeze(copy) as E })
  definitions.add(definition)
  return definition
}

function checkName(name: string): void {
  if (!VARIABLE.test(name) || name === '__proto__') {
    throw new ConfigUsageError(
      `defineConfig: ${JSON.stringify(name)} is not an environment ` +
        'variable name.',
      'use letters, digits and underscores, not starting with a digit',
    )
  }
  if (name === 'NODE_ENV') {
    throw new ConfigUsageError(
      'defineConfig: NODE_ENV is read by loadConfig itself.',
      'remove the NODE_ENV entry and call resolveEnvironment() instead',
    )
  }
}

/** Whether `value` was returned by {@link defineConfig}. */
export function isConfigDefinition(
  value: unknown,
): value is ConfigDefinition<ConfigEntries> {
  return typeof value === 'object' && value !== null && definitions.has(value)
}
