import type { $ZodType, output } from 'zod/v4/core'
import { checkOptions } from '../check-options'
import { ConfigUsageError } from '../errors/config-usage-error'
import type { ConfigEntry } from '../entry'
import { piece } from './piece'

/** Wording for a custom setting's errors. */
export interface SettingOptions {
  /**
   * What a valid value looks like, shown in errors.
   * @default the schema's description, else 'a valid value'
   */
  readonly expected?: string
  /**
   * What to do when the value is missing or invalid.
   * @default 'set <NAME> in the environment or the .env file'
   */
  readonly fix?: string
}

/**
 * An entry parsed by your own zod 4 schema. The schema receives the raw
 * string (never an empty one: those count as missing), so use string
 * schemas or `z.coerce`, and keep custom messages free of the input.
 *
 * @example
 * REGION: setting(z.enum(['eu', 'us'])).default('eu'),
 * MAX_TENANTS: setting(z.coerce.number().int().positive()),
 */
export function setting<S extends $ZodType>(
  schema: S,
  options: SettingOptions = {},
): ConfigEntry<output<S>, false> {
  checkOptions(options, 'setting')
  if (typeof schema !== 'object' || schema === null || !('_zod' in schema)) {
    throw new ConfigUsageError(
      'setting: expected a zod 4 schema.',
      "pass a schema built with zod 4, e.g. setting(z.string().min(1))",
    )
  }
  if ((schema as { _zod: { optin?: unknown } })._zod.optin !== undefined) {
    // Missing variables never reach the schema, so zod's own default or
    // optional would silently do nothing.
    throw new ConfigUsageError(
      'setting: the schema accepts undefined (zod .default or .optional).',
      'drop it from the schema and call .default(value) or .optional() ' +
        'on the entry instead',
    )
  }
  const description = (schema as { description?: unknown }).description
  return piece(false, {
    schema,
    expected:
      options.expected ??
      (typeof description === 'string' ? description : 'a valid value'),
    ...(options.fix === undefined ? {} : { fix: options.fix }),
  })
}
