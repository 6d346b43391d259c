import type { $ZodType } from 'zod/v4/core'
import { ConfigUsageError } from './errors/config-usage-error'
import type { DeepReadonly, ProductionDefaults } from './types'

/**
 * One environment variable: how to parse it, whether it is secret and when
 * it may be missing. Entries are immutable; every method returns a new one.
 * The last of `default`, `optional` and `requiredInProduction` wins.
 */
export interface ConfigEntry<T, S extends boolean = false> {
  /** Parses the raw string into `T`; reusable inside your own zod schemas. */
  readonly schema: $ZodType<T>
  /** Whether the loaded value is wrapped in a `Secret`. */
  readonly isSecret: S
  /**
   * Marks the value secret: it loads as `Secret<T>` and is never printed.
   * @example
   * API_TOKEN: setting(z.string().min(20)).secret()
   */
  secret(): ConfigEntry<T, true>
  /**
   * Value used in every environment, production included, when the
   * variable is missing. Secrets cannot have one: use
   * `requiredInProduction({ development })`.
   * @example
   * PORT: port().default(3000)
   */
  default(value: DeepReadonly<T>): ConfigEntry<T, S>
  /**
   * Lets the variable be missing in every environment; it loads as
   * `undefined`.
   * @example
   * SENTRY_DSN: url().optional()
   */
  optional(): ConfigEntry<T | undefined, S>
  /**
   * Required in production only. Development and test use the given
   * defaults (or `undefined` without any), and production refuses those
   * defaults as values.
   * @example
   * DATABASE_URL: databaseUrl().requiredInProduction({
   *   development: DEVELOPMENT_DATABASE_URL,
   * })
   */
  requiredInProduction(): ConfigEntry<T | undefined, S>
  requiredInProduction(defaults: ProductionDefaults<T>): ConfigEntry<T, S>
  /**
   * Replaces the description of a valid value shown in errors.
   * @example
   * REGION: setting(z.enum(['eu', 'us'])).describe('eu or us')
   */
  describe(expected: string): ConfigEntry<T, S>
  /**
   * Replaces the advice shown in errors for this variable.
   * @example
   * SESSION_SECRET: secret().fix('run: openssl rand -base64 32')
   */
  fix(advice: string): ConfigEntry<T, S>
}

/** When a variable may be missing, and what replaces it. */
export type Presence =
  | { readonly kind: 'required' }
  | { readonly kind: 'optional' }
  | { readonly kind: 'default'; readonly value: unknown }
  | {
      readonly kind: 'production'
      readonly defaults: ProductionDefaults<unknown> | undefined
    }

/** Everything `loadConfig` needs to know about an entry. */
export interface EntrySpec {
  readonly schema: $ZodType
  readonly secret: boolean
  readonly presence: Presence
  readonly expected: string
  readonly fix: string | undefined
  /** Extra production check on the raw value; returns why it is refused. */
  readonly productionCheck: ((raw: string) => string | undefined) | undefined
}

const specs = new WeakMap<object, EntrySpec>()

/** The spec behind an entry, or undefined for anything else. */
export function specOf(value: unknown): EntrySpec | undefined {
  return typeof value === 'object' && value !== null
    ? specs.get(value)
    : undefined
}

/** Builds an immutable entry around `spec`. */
export function createEntry<T, S extends boolean>(
  spec: EntrySpec,
): ConfigEntry<T, S> {
  const next = <U, R extends boolean>(change: Partial<EntrySpec>) =>
    createEntry<U, R>({ ...spec, ...change })

  const entry = {
    schema: spec.schema as $ZodType<T>,
    isSecret: spec.secret as S,
    secret: () => {
      if (spec.presence.kind === 'default') throw secretDefault()
      return next<T, true>({ secret: true })
    },
    default: (value: unknown) => {
      if (spec.secret) throw secretDefault()
      if (value === undefined) throw undefinedDefault()
      return next<T, S>({ presence: { kind: 'default', value } })
    },
    optional: () => next<T | undefined, S>({ presence: { kind: 'optional' } }),
    requiredInProduction: (defaults?: ProductionDefaults<unknown>) => {
      checkDefaults(defaults)
      return next<T, S>({ presence: { kind: 'production', defaults } })
    },
    describe: (expected: string) =>
      next<T, S>({ expected: text(expected, 'describe') }),
    fix: (advice: string) => next<T, S>({ fix: text(advice, 'fix') }),
  }
  specs.set(entry, spec)
  return Object.freeze(entry) as unknown as ConfigEntry<T, S>
}

function checkDefaults(defaults: unknown): void {
  if (defaults === undefined) return
  if (
    typeof defaults !== 'object' ||
    defaults === null ||
    !('development' in defaults)
  ) {
    throw new ConfigUsageError(
      'requiredInProduction: defaults must be an object with `development`.',
      'call requiredInProduction({ development: value }), or without ' +
        'arguments to let the variable be missing outside production',
    )
  }
}

function text(value: unknown, method: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigUsageError(
      `${method}: expected a non-empty string.`,
      `pass a sentence to .${method}()`,
    )
  }
  return value
}

function secretDefault(): ConfigUsageError {
  return new ConfigUsageError(
    'A secret cannot have a default: it would be used in production too.',
    'use .requiredInProduction({ development: value }) instead of .default()',
  )
}

function undefinedDefault(): ConfigUsageError {
  return new ConfigUsageError(
    'default(undefined) is not a default.',
    'use .optional() to let the variable be missing',
  )
}
