import type { ConfigurationIssue } from '../errors/configuration-error'
import { POOL_DEFAULTS, type PoolOptions, type ResolvedPoolOptions } from './pool-options'

type Issues = ConfigurationIssue[]

/**
 * Applies defaults to pool options and appends a problem to `issues` for
 * every invalid one, so the caller can report them all at once.
 */
export function resolvePoolOptions(options: PoolOptions, issues: Issues): ResolvedPoolOptions {
  const d = POOL_DEFAULTS
  const int = (key: keyof PoolOptions, fallback: number, least: number): number =>
    integer(options[key], key, fallback, least, issues)
  const prePing = d.prePingAfterIdleMillis === false ? 0 : d.prePingAfterIdleMillis

  const resolved: ResolvedPoolOptions = {
    min: int('min', d.min, 0),
    max: int('max', d.max, 1),
    idleTimeoutMillis: int('idleTimeoutMillis', d.idleTimeoutMillis, 0),
    connectionTimeoutMillis: int('connectionTimeoutMillis', d.connectionTimeoutMillis, 0),
    maxLifetimeSeconds: int('maxLifetimeSeconds', d.maxLifetimeSeconds, 0),
    maxUses: options.maxUses === Number.POSITIVE_INFINITY
      ? d.maxUses
      : int('maxUses', d.maxUses, 1),
    prePingAfterIdleMillis: options.prePingAfterIdleMillis === false
      ? false
      : int('prePingAfterIdleMillis', prePing, 0),
    statementTimeoutMillis: options.statementTimeoutMillis === undefined
      ? undefined
      : int('statementTimeoutMillis', 0, 1),
    applicationName: applicationName(options.applicationName, issues),
    ssl: ssl(options.ssl, issues),
  }
  if (resolved.min > resolved.max) {
    const message = `must not exceed max (${resolved.max}), got ${resolved.min}`
    issues.push({ path: 'min', message })
  }
  return resolved
}

function integer(
  value: unknown,
  key: string,
  fallback: number,
  least: number,
  issues: Issues,
): number {
  if (value === undefined) return fallback
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= least) return value
  issues.push({ path: key, message: `must be an integer >= ${least}, got ${shown(value)}` })
  return fallback
}

function applicationName(value: unknown, issues: Issues): string {
  if (value === undefined) return POOL_DEFAULTS.applicationName
  // PostgreSQL truncates at 63 bytes and replaces non-ASCII characters.
  if (typeof value === 'string' && /^[\x20-\x7e]{1,63}$/.test(value)) return value
  issues.push({
    path: 'applicationName',
    message: 'must be 1-63 printable ASCII characters',
  })
  return POOL_DEFAULTS.applicationName
}

function ssl(value: unknown, issues: Issues): ResolvedPoolOptions['ssl'] {
  if (value === undefined || typeof value === 'boolean') return value
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as ResolvedPoolOptions['ssl']
  }
  issues.push({ path: 'ssl', message: 'must be a boolean or tls.connect options' })
  return undefined
}

function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : `a ${typeof value}`
}
