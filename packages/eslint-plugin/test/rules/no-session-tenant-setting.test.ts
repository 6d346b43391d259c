import { noSessionTenantSetting } from '../../src/rules/no-session-tenant-setting'
import { lines, ruleTester } from '../rule-tester'

const pg = lines(
  "import pg from 'pg'",
  'declare const client: pg.PoolClient',
  'declare const id: string',
  '',
)
const kysely = lines(
  "import { sql, Kysely } from 'kysely'",
  'declare const db: Kysely<any>',
  'declare const id: string',
  '',
)
const fnCall = (isLocal: string): string => lines(kysely,
  'db.selectNoFrom((eb) => eb.fn(',
  `  'set_config', [sql.lit('app.tenant_id'), eb.val(id)${isLocal}],`,
  ").as('x'))")

ruleTester.run('no-session-tenant-setting', noSessionTenantSetting, {
  valid: [
    `${pg}client.query("select set_config('app.tenant_id', $1, true)", [id])`,
    `${pg}client.query("SET LOCAL app.tenant_id = '1'")`,
    `${pg}client.query('set local role app_runtime')`,
    `${pg}client.query("select set_config('search_path', 'x', false)")`,
    `${pg}client.query("SET statement_timeout = 1000")`,
    `${pg}client.query("select set_config('app.tenant_id', $1, $2)", [id, true])`,
    `${kysely}sql\`select set_config('app.tenant_id', \${id}, true)\`.execute(db)`,
    fnCall(', sql.lit(true)'),
    // A message that mentions the statement is not SQL.
    'const hint = "never run SET app.tenant_id on a pooled connection"',
    "const hint = 'Set app.tenant_id with set_config(..., true) first'",
    {
      code: `${pg}client.query("SET myapp.tenant = '1'")`,
      options: [{ settingPrefixes: ['other.'] }],
    },
  ],
  invalid: [
    {
      code: `${pg}client.query("SET app.tenant_id = '1'")`,
      errors: [{
        messageId: 'sessionSet',
        data: { name: 'app.tenant_id', quoted: "'app.tenant_id'" },
      }],
    },
    {
      code: `${pg}client.query(\`set session app.tenant_id = '\${id}'\`)`,
      errors: [{ messageId: 'sessionSet' }],
    },
    {
      code: `const SET_TENANT = 'begin; set "app.tenant_id" to default'`,
      errors: [{ messageId: 'sessionSet' }],
    },
    {
      code: `${pg}client.query("select set_config('app.tenant_id', $1, false)", [id])`,
      errors: [{ messageId: 'sessionSetConfig', data: { name: "'app.tenant_id'" } }],
    },
    {
      code: `${pg}client.query("select set_config($1, $2, $3)", ['app.tenant_id', id, false])`,
      errors: [{ messageId: 'sessionSetConfig' }],
    },
    {
      code: `${pg}client.query("select set_config('app.tenant_id', $1)", [id])`,
      errors: [{ messageId: 'missingIsLocal' }],
    },
    {
      // A setting name that is not fixed in the code could be the tenant one.
      code: lines(pg,
        'declare const name: string',
        "client.query('select set_config($1, $2, false)', [name, id])"),
      errors: [{ messageId: 'sessionSetConfig', data: { name: '$1' } }],
    },
    {
      code: `${kysely}sql\`select set_config('app.tenant_id', \${id}, false)\`.execute(db)`,
      errors: [{ messageId: 'sessionSetConfig' }],
    },
    {
      code: `${kysely}sql\`select set_config(\${'app.tenant_id'}, \${id}, \${false})\``,
      errors: [{ messageId: 'sessionSetConfig' }],
    },
    {
      code: fnCall(', sql.lit(false)'),
      errors: [{ messageId: 'sessionSetConfig' }],
    },
    {
      code: fnCall(''),
      errors: [{ messageId: 'missingIsLocal' }],
    },
    {
      code: `${pg}client.query("SET myapp.tenant = '1'")`,
      options: [{ settingPrefixes: ['myapp.'] }],
      errors: [{ messageId: 'sessionSet' }],
    },
  ],
})
