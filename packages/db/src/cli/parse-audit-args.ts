import { parseArgs } from 'node:util'
import type { AuditOptions } from '../audit/audit-options'
import { isPostgresUrl } from '../database/resolve-options'
import type { TenantColumnType } from '../rls/tenant-table-options'

/** What `tenantkit audit` was asked to do. */
export interface AuditCommand {
  readonly help: boolean
  readonly json: boolean
  /** Owner connection URL; never printed with its password. */
  readonly url: string | undefined
  readonly options: AuditOptions
}

/** Thrown for a command line that cannot run; the CLI exits with 2. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError'
}

/** The text `tenantkit --help` prints. */
export const USAGE: string = `Usage: tenantkit audit --url <owner url> --role <role> [options]

Inspects a live PostgreSQL database and reports every way tenant isolation
can fail, each finding with the SQL that fixes it.

Options:
  --url <url>              owner (migration) connection URL; defaults to
                           $TENANTKIT_AUDIT_URL, then $DATABASE_URL
  --role <name>            the role the application logs in as (required)
  --tenant-column <name>   tenant column (default tenant_id)
  --setting <name>         tenant setting the policies read (default app.tenant_id)
  --column-type <type>     uuid, integer or text, for fix SQL (default uuid)
  --schema <name>          schema to audit, repeatable (default public)
  --table <name>           extra tenant table, repeatable ('t' or 'schema.t')
  --include-primary-keys   also report primary keys without the tenant column
  --json                   print the report as JSON
  -h, --help               show this help

Exit codes: 0 no findings, 1 findings, 2 usage or connection error.
`

/** Parses `process.argv.slice(2)` for the `audit` command. */
export function parseAuditArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): AuditCommand {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        role: { type: 'string' },
        'tenant-column': { type: 'string' },
        setting: { type: 'string' },
        'column-type': { type: 'string' },
        schema: { type: 'string', multiple: true },
        table: { type: 'string', multiple: true },
        'include-primary-keys': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  const help = values.help === true
  if (!help && (positionals.length !== 1 || positionals[0] !== 'audit')) {
    throw new UsageError(`unknown command '${positionals.join(' ')}': expected 'audit'`)
  }
  if (!help && values.role === undefined) throw new UsageError('--role is required')

  const url = values.url ?? env['TENANTKIT_AUDIT_URL'] ?? env['DATABASE_URL']
  if (!help && (url === undefined || url === '')) {
    throw new UsageError('--url is required (or set TENANTKIT_AUDIT_URL or DATABASE_URL)')
  }
  // pg reads any scheme as PostgreSQL and a relative string as a path on a
  // host named "base": refuse both before connecting. Never echo the URL.
  if (!help && url !== undefined && !isPostgresUrl(url)) {
    throw new UsageError('the URL must be a postgres:// or postgresql:// URL')
  }
  const options: AuditOptions = {
    role: values.role ?? '',
    ...(values['tenant-column'] === undefined ? {} : { tenantColumn: values['tenant-column'] }),
    ...(values.setting === undefined ? {} : { tenantSetting: values.setting }),
    ...(values['column-type'] === undefined
      ? {}
      : { tenantColumnType: values['column-type'] as TenantColumnType }),
    ...(values.schema === undefined ? {} : { schemas: values.schema }),
    ...(values.table === undefined ? {} : { tables: values.table }),
    includePrimaryKeys: values['include-primary-keys'] === true,
  }
  return { help, json: values.json === true, url, options }
}
