import { ConfigurationError } from '../errors/configuration-error'

/** The PostgreSQL setting that carries the current tenant id. */
export const DEFAULT_TENANT_SETTING: string = 'app.tenant_id'

// A custom setting must have a prefix: `prefix.name`, plain identifiers.
const SETTING = /^[a-z_][a-z0-9_]{0,62}\.[a-z_][a-z0-9_]{0,62}$/

/**
 * Whether `name` is a custom PostgreSQL setting name tenantkit accepts:
 * two lower-case identifiers joined by a dot, like `app.tenant_id`.
 *
 * @example
 * isTenantSettingName('app.tenant_id') // true
 * isTenantSettingName('tenant') // false: no prefix
 */
export function isTenantSettingName(name: unknown): name is string {
  return typeof name === 'string' && SETTING.test(name)
}

/**
 * Throws a `ConfigurationError` unless `name` is a valid setting name.
 *
 * @example
 * assertTenantSettingName(options.setting ?? DEFAULT_TENANT_SETTING, 'enableRls')
 */
export function assertTenantSettingName(name: unknown, where: string): string {
  if (isTenantSettingName(name)) return name
  throw new ConfigurationError(where, [
    {
      path: 'tenantSetting',
      message:
        'must be two lower-case identifiers joined by a dot, like ' +
        `'${DEFAULT_TENANT_SETTING}' (PostgreSQL requires a prefix for custom settings)`,
    },
  ])
}
