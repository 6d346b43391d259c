import { ConfigError, loadConfig } from '@tenantkit/config'
import { createDatabase } from '@tenantkit/db'
import { workerConfig } from './config'
import { WORKER_TENANT_TABLES, type WorkerDatabase } from './db/schema'
import { runMigrateCommand } from './migrate-command'
import { createWorker, type WorkerLogger } from './worker'

/** One JSON line per log entry on stdout; context never holds content. */
const logger: WorkerLogger = {
  info: (msg, context) => console.log(JSON.stringify({ level: 'info', msg, ...context })),
  warn: (msg, context) => console.log(JSON.stringify({ level: 'warn', msg, ...context })),
  error: (msg, context) => console.log(JSON.stringify({ level: 'error', msg, ...context })),
}

/**
 * `tsx src/main.ts` consumes events until SIGTERM or SIGINT;
 * `tsx src/main.ts migrate` migrates the worker's tables as the owner.
 */
async function main(command: string | undefined): Promise<number> {
  if (command === 'migrate') return runMigrateCommand()
  const config = loadConfig(workerConfig)
  const db = createDatabase<WorkerDatabase>({
    url: config.DATABASE_URL.reveal(),
    tenantTables: WORKER_TENANT_TABLES,
  })
  const worker = createWorker({
    brokers: config.KAFKA_BROKERS,
    topic: config.EVENTS_TOPIC,
    groupId: config.CONSUMER_GROUP,
    tenantHeader: config.TENANT_HEADER,
    db,
    logger,
  })
  await worker.start()
  logger.info('consuming', { topic: config.EVENTS_TOPIC })

  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'))
    process.once('SIGINT', () => resolve('SIGINT'))
  })
  logger.info('stopping', { signal })
  await worker.stop()
  await db.close()
  logger.info('stopped', { ...worker.stats() })
  return 0
}

main(process.argv[2]).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message)
    else console.error(`Worker failed: ${(error as Error).name}: ${(error as Error).message}`)
    process.exitCode = 1
  },
)
