import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { auditTenantIsolation } from '../audit/audit-tenant-isolation'
import { formatAuditReport } from '../audit/format-audit-report'
import { TenantkitError } from '../errors/tenantkit-error'
import { parseAuditArgs, USAGE, UsageError } from './parse-audit-args'

/** Where the command writes; the real streams, or buffers in tests. */
export interface CommandIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
}

/**
 * Runs `tenantkit audit` and returns the exit code: 0 when isolation
 * holds, 1 on findings, 2 on a usage, option or connection error.
 */
export async function runAuditCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  let command
  try {
    command = parseAuditArgs(argv, io.env)
  } catch (error) {
    // --json holds for usage errors too, so CI can always parse stdout.
    const json = argv.includes('--json')
    return fail(io, json, error, 'Run `tenantkit audit --help` for usage.\n')
  }
  if (command.help) {
    io.stdout(USAGE)
    return 0
  }
  const pool = new pg.Pool({
    connectionString: command.url,
    max: 1,
    connectionTimeoutMillis: 10_000,
    statement_timeout: 60_000,
    application_name: 'tenantkit-audit',
  })
  // An idle client error after the audit must not crash the process.
  pool.on('error', () => {})
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) })
  try {
    const report = await auditTenantIsolation(db, command.options)
    io.stdout(command.json ? `${JSON.stringify(report, null, 2)}\n` : formatAuditReport(report))
    return report.findings.length > 0 ? 1 : 0
  } catch (error) {
    return fail(io, command.json, error, `Target: ${describeUrl(command.url)}\n`)
  } finally {
    await db.destroy()
  }
}

function fail(io: CommandIo, json: boolean, error: unknown, hint: string): number {
  const message = error instanceof Error ? error.message : String(error)
  const code = error instanceof TenantkitError ? error.code : codeOf(error)
  if (json) {
    io.stdout(`${JSON.stringify({ error: { code, message } }, null, 2)}\n`)
  }
  io.stderr(`tenantkit audit: ${message}\n${hint}`)
  return 2
}

function codeOf(error: unknown): string {
  if (error instanceof UsageError) return 'usage'
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : 'connection_failed'
}

// Names the server without the password, for connection errors.
function describeUrl(url: string | undefined): string {
  try {
    const u = new URL(url ?? '')
    const user = u.username === '' ? '' : `${decodeURIComponent(u.username)}@`
    return `${u.protocol}//${user}${u.host}${u.pathname}`
  } catch {
    return '(an unparseable URL)'
  }
}
