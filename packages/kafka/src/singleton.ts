import { createHash } from 'node:crypto'
import { KafkaConfigError } from './errors'
import type { ProducerOptions } from './options'
import { openProducer, type TenantProducer } from './producer'
import { resolveOptions } from './resolve-options'
import { shutdownOnSignals } from './signals'

interface Registered {
  readonly producer: TenantProducer
  readonly fingerprint: Record<string, unknown>
}

const KEY = Symbol.for('@tenantkit/kafka/producers')
const registry = ((globalThis as Record<symbol, unknown>)[KEY] ??=
  new Map<string, Registered>()) as Map<string, Registered>
const clientIds = new WeakMap<object, number>()
let nextClientId = 1

/**
 * Returns the process-wide producer for this configuration, creating it on
 * the first call. The configuration is named by `name`, or else by
 * `clientId` and the brokers; asking again under that name with different
 * options throws a `KafkaConfigError` instead of silently returning a
 * producer configured otherwise. `logger` and `handleSignals` are not
 * compared: the first logger stays, and any call may turn signals on.
 *
 * `shutdown()` ends that instance only: while it runs, this returns the
 * same producer (which refuses publishes); once it has completed, the next
 * call builds and registers a fresh, live producer from its own options.
 *
 * @example
 * const producer = getProducer({ brokers: env.KAFKA_BROKERS.split(',') })
 * await producer.publish('audit', event, { tenantId })
 */
export function getProducer(options: ProducerOptions): TenantProducer {
  const fingerprint = fingerprintOf(options)
  const name = singletonName(options)
  const existing = registry.get(name)
  if (existing && existing.producer.health().state !== 'shut-down') {
    const changed = differences(existing.fingerprint, fingerprint)
    if (changed.length > 0) {
      throw new KafkaConfigError(
        `A producer named "${name}" already exists with different `
          + `${changed.join(', ')}.`,
        'Pass the same options everywhere (build them in one module), or '
          + 'give this configuration its own `name`.',
        'CONFIG_CONFLICT')
    }
    if (options.handleSignals) shutdownOnSignals(existing.producer)
    return existing.producer
  }
  const producer = openProducer(options, () => {
    if (registry.get(name)?.producer === producer) registry.delete(name)
  })
  registry.set(name, { producer, fingerprint })
  return producer
}

function singletonName(options: ProducerOptions): string {
  if (options.name !== undefined) {
    if (typeof options.name !== 'string' || options.name === '') {
      throw new KafkaConfigError('name must be a non-empty string.',
        'Name the producer, e.g. name: \'events\'.')
    }
    return options.name
  }
  if (options.client !== undefined) {
    throw new KafkaConfigError(
      'getProducer with a `client` needs a `name` to tell producers apart.',
      'Add name: \'events\' (any stable string), or use createProducer.')
  }
  const brokers = Array.isArray(options.brokers) ? [...options.brokers] : []
  return `${options.clientId ?? 'tenantkit'}@${brokers.sort().join(',')}`
}

// Everything that changes behaviour, defaults filled in, in a comparable
// form. Secrets are hashed so the registry never holds them in the clear.
function fingerprintOf(options: ProducerOptions): Record<string, unknown> {
  const { logger: _logger, brokers, ...resolved } = resolveOptions(options)
  const { client, sasl, ssl, retry } = options
  return {
    ...resolved,
    brokers: [...brokers].sort(),
    retry,
    client: client && identity(client),
    ssl: ssl === undefined ? undefined : digest(ssl),
    sasl: sasl && digest(sasl),
  }
}

function identity(client: object): number {
  let id = clientIds.get(client)
  if (id === undefined) {
    id = nextClientId++
    clientIds.set(client, id)
  }
  return id
}

function digest(value: unknown): string {
  return createHash('sha256').update(stable(value)).digest('hex')
}

function differences(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].filter((key) => stable(a[key]) !== stable(b[key])).sort()
}

// JSON with object keys sorted, so { a, b } and { b, a } compare equal.
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v
    const entries = Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))
    return Object.fromEntries(entries)
  }) ?? 'undefined'
}
