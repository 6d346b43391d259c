import type { PGlite } from '@electric-sql/pglite'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import type { Kysely } from 'kysely'
import { buildApp } from './app/build-app'
import type { ServiceConfig } from './config'
import { createCrmClient, type CrmClient } from './crm/crm-client'
import { openDatabase, type OpenedDatabase } from './db/open-database'
import {
  createKafkaEventSink,
  createPrintedEventSink,
  type EventSink,
} from './events/event-sink'
import { createTokenEncryption } from './tokens/token-encryption'

/** Options of {@link startService}. */
export interface ServiceOptions {
  readonly config: ServiceConfig
  /**
   * The CRM client; built from CRM_TOKEN_URL when not given.
   * @default createCrmClient(...) from the config
   */
  readonly crm?: CrmClient
  /**
   * Where events go; built from KAFKA_BROKERS when not given. A sink
   * passed in belongs to the caller: `stop()` leaves it open.
   * @default the Kafka singleton, or printed when no broker is set
   */
  readonly events?: EventSink
  /**
   * Embedded database to run on when DATABASE_URL is unset, left open on
   * stop (see `openDatabase`).
   * @default a new in-memory PGlite
   */
  readonly pglite?: PGlite
  /** Where printed events go when no broker is configured. */
  readonly print?: (line: string) => void
  /** Fastify's logger option. @default false */
  readonly logger?: FastifyServerOptions['logger']
  /**
   * Port to listen on instead of PORT; 0 picks a free one (tests, demo).
   * @default config.PORT
   */
  readonly port?: number
  /**
   * How long `stop()` waits for in-flight requests before it closes the
   * connections left: a client that sends half a body would otherwise
   * hold shutdown open for ever. Keep it under the orchestrator's grace
   * period (Kubernetes: 30 s), so events are still flushed.
   * @default 20_000
   */
  readonly shutdownGraceMs?: number
}

/** A running service. */
export interface RunningService {
  readonly app: FastifyInstance
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly events: EventSink
  /** The owner connection of an embedded database (demo only). */
  readonly owner: Kysely<unknown> | undefined
  readonly embedded: boolean
  /**
   * Graceful stop: refuse new requests, finish in-flight ones, flush
   * events, close the pool. Safe to call more than once.
   */
  stop(): Promise<void>
}

/**
 * Builds everything from the loaded config and starts listening.
 *
 * @example
 * const service = await startService({ config: loadConfig(serviceConfig) })
 * process.once('SIGTERM', () => void service.stop())
 */
export async function startService(
  options: ServiceOptions,
): Promise<RunningService> {
  const { config } = options
  const encryption = createTokenEncryption(config.ENCRYPTION_KEYS.reveal())
  const opened = await openDatabase({
    url: config.DATABASE_URL?.reveal(),
    runtimeRole: config.DATABASE_RUNTIME_ROLE,
    plugins: [encryption.plugin],
    ...(options.pglite === undefined ? {} : { pglite: options.pglite }),
  })
  await refuseRlsBypass(opened)
  const ownsEvents = options.events === undefined
  const events = options.events ?? createEvents(config, options.print)
  const crm = options.crm ?? crmFromConfig(config)
  const app = buildApp({
    db: opened.db,
    crm,
    events,
    adminToken: () => config.ADMIN_TOKEN.reveal(),
    logger: options.logger ?? false,
  })

  let stopping: Promise<void> | undefined
  const stop = () => (stopping ??= (async () => {
    // Fastify stops accepting, answers 503 on kept-alive connections and
    // waits for in-flight requests, for at most the grace period.
    const deadline = setTimeout(() => app.server.closeAllConnections(),
      options.shutdownGraceMs ?? 20_000)
    try {
      await app.close()
    } finally {
      clearTimeout(deadline)
    }
    if (ownsEvents) await events.shutdown()
    await opened.db.close()
    await opened.owner?.destroy()
  })())

  try {
    await app.listen({
      host: config.HOST,
      port: options.port ?? config.PORT,
    })
  } catch (error) {
    await stop()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    app,
    url: `http://${config.HOST}:${port}`,
    events,
    owner: opened.owner,
    embedded: opened.embedded,
    stop,
  }
}

/**
 * Refuses to serve as a role that row-level security does not bind (a
 * superuser or BYPASSRLS): every tenant policy would be silently off.
 */
async function refuseRlsBypass(opened: OpenedDatabase): Promise<void> {
  const health = await opened.db.health()
  if (health.ok) return
  await opened.db.close()
  await opened.owner?.destroy()
  if (health.role?.bypassesRls === true) {
    throw new Error(
      `The database role ${health.role.name} bypasses row-level security ` +
        '(superuser or BYPASSRLS). Point DATABASE_URL at the runtime role ' +
        'that `migrate` creates, never at the owner or a superuser.')
  }
  throw new Error('The database did not answer (' +
    `${JSON.stringify(health.server.error ?? {})}); check DATABASE_URL.`)
}

function createEvents(
  config: ServiceConfig,
  print: ((line: string) => void) | undefined,
): EventSink {
  const brokers = config.KAFKA_BROKERS
  if (brokers === undefined) {
    return createPrintedEventSink(print ?? ((line) => console.log(line)))
  }
  return createKafkaEventSink({ brokers, topic: config.EVENTS_TOPIC })
}

function crmFromConfig(config: ServiceConfig): CrmClient {
  if (config.CRM_TOKEN_URL === undefined) {
    throw new Error('CRM_TOKEN_URL is not set: pass `crm` or set it.')
  }
  return createCrmClient({
    tokenUrl: config.CRM_TOKEN_URL,
    clientId: config.CRM_CLIENT_ID,
    clientSecret: config.CRM_CLIENT_SECRET.reveal(),
  })
}

