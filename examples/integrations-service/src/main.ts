import { ConfigError, loadConfig } from '@tenantkit/config'
import { startFakeCrm, type FakeCrm } from './crm/fake-crm'
import { createCrmClient } from './crm/crm-client'
import { serviceConfig, type ServiceConfig } from './config'
import { runMigrateCommand } from './migrate-command'
import { startService } from './service'

/**
 * Entry point: `tsx src/main.ts` serves the API, `tsx src/main.ts migrate`
 * migrates the database through the owner connection. Configuration is
 * validated here, at startup, and every problem is printed at once.
 */
async function main(command: string | undefined): Promise<number> {
  if (command === 'migrate') return runMigrateCommand()
  if (command !== undefined && command !== 'serve') {
    console.error(`Unknown command ${JSON.stringify(command)}: ` +
      'use serve (the default) or migrate.')
    return 2
  }
  const config = loadConfig(serviceConfig)
  const fakeCrm = await maybeFakeCrm(config)
  try {
    await serve(config, fakeCrm)
  } finally {
    await fakeCrm?.close()
  }
  return 0
}

/** Serves until SIGTERM or SIGINT, then shuts down gracefully. */
async function serve(config: ServiceConfig, fakeCrm: FakeCrm | undefined) {
  const service = await startService({
    config,
    logger: { level: config.LOG_LEVEL },
    ...(fakeCrm && {
      crm: createCrmClient({
        tokenUrl: fakeCrm.tokenUrl,
        clientId: fakeCrm.clientId,
        clientSecret: config.CRM_CLIENT_SECRET.reveal(),
      }),
    }),
  })
  const where = service.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'
  service.app.log.info(`listening on ${service.url} (${where})`)

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      service.app.log.info(`${signal}: shutting down`)
      resolve()
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  })
  await service.stop()
}

/** Development without CRM_TOKEN_URL talks to a local fake CRM. */
async function maybeFakeCrm(config: ServiceConfig) {
  if (config.CRM_TOKEN_URL !== undefined) return undefined
  const crm = await startFakeCrm({
    clientId: config.CRM_CLIENT_ID,
    clientSecret: config.CRM_CLIENT_SECRET.reveal(),
  })
  console.log(`No CRM_TOKEN_URL: using a fake CRM at ${crm.tokenUrl}; ` +
    'get an authorization code for POST /integrations with: ' +
    `curl -d account_name=Acme ${crm.authorizeUrl}`)
  return crm
}

main(process.argv[2]).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    // ConfigError lists every problem, never a value; anything else is
    // reported by kind so no secret in a message reaches the terminal.
    if (error instanceof ConfigError) console.error(error.message)
    else console.error(`Startup failed: ${describe(error)}`)
    process.exitCode = 1
  },
)

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  return `${error.name}: ${error.message}`
}
