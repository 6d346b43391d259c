import type { TenantTable } from './isolation-options'

/** The statements the harness runs against one table, identifiers quoted. */
export interface TableSql {
  readonly label: string
  /** Every visible row's tenant and key. */
  readonly readAll: string
  /** Rows among the keys in $1. */
  readonly countKeys: string
  /** Touches the rows with keys in $1 without changing them. */
  readonly touchKeys: string
  /** Moves the row with key $2 to tenant $1. */
  readonly moveRow: string
  readonly deleteKeys: string
  /** Full rows of tenant $1, by key, as JSON text. */
  readonly snapshot: string
  /** Inserts a row: `columns` values first, then the tenant last. */
  insert(columns: readonly string[]): string
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** Builds the statements for `table`; values always travel as parameters. */
export function tableSql(table: TenantTable): TableSql {
  const name = table.name.split('.').map(quote).join('.')
  const tenant = quote(table.tenantColumn ?? 'tenant_id')
  const key = quote(table.key ?? 'id')
  const returning = `returning ${key}::text as key, ${tenant}::text as tenant`
  return {
    label: table.name,
    readAll: `select ${key}::text as key, ${tenant}::text as tenant from ${name}`,
    countKeys: `select count(*)::int as n from ${name} where ${key}::text = any($1)`,
    touchKeys: `update ${name} set ${tenant} = ${tenant} where ${key}::text = any($1) ${returning}`,
    moveRow: `update ${name} set ${tenant} = $1 where ${key}::text = $2 ${returning}`,
    deleteKeys: `delete from ${name} where ${key}::text = any($1) ${returning}`,
    snapshot: `select ${key}::text as key, to_jsonb(t)::text as row from ${name} t
      where t.${tenant}::text = $1`,
    insert: (columns) => {
      const list = [...columns, table.tenantColumn ?? 'tenant_id'].map(quote).join(', ')
      const params = [...columns, ''].map((_, i) => `$${i + 1}`).join(', ')
      return `insert into ${name} (${list}) values (${params}) ${returning}`
    },
  }
}
