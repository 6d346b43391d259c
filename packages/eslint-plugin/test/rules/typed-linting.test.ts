import { resolve } from 'node:path'
import { RuleTester } from '@typescript-eslint/rule-tester'
import { noRawSqlInjection } from '../../src/rules/no-raw-sql-injection'
import { noSqlStringBuilding } from '../../src/rules/no-sql-string-building'
import { lines } from '../rule-tester'

// With type information the rules also recognise instances whose origin is
// another module of the application. RuleTester's file sits at the package
// root (inside tsconfig.json), so the fixture modules resolve for real.
const typedTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      projectService: { allowDefaultProject: ['*.ts'] },
      tsconfigRootDir: resolve(import.meta.dirname, '../..'),
    },
  },
})

typedTester.run('no-sql-string-building (typed)', noSqlStringBuilding, {
  valid: [
    lines(
      "import { pool } from './test/fixtures/known-gaps/db-handle'",
      'export const f = (x: string) => pool.query("select * from t where a = $1", [x])'),
    // A local object with a query method is still not node-postgres.
    lines(
      'const pool = { query: (s: string) => s }',
      'export const f = (x: string) => pool.query(`select ${x}`)'),
  ],
  invalid: [
    {
      code: lines(
        "import { pool } from './test/fixtures/known-gaps/db-handle'",
        'export const f = (x: string) => pool.query(`select * from t where a = ${x}`)'),
      errors: [{ messageId: 'built', data: { sink: 'pool.query', value: '`x`' } }],
    },
    {
      code: lines(
        "import { pool } from './test/fixtures/known-gaps/db-handle'",
        'export async function f(x: string) {',
        '  const client = await pool.connect()',
        "  return client.query('delete from t where a = ' + x)",
        '}'),
      errors: [{ messageId: 'built' }],
    },
  ],
})

typedTester.run('no-raw-sql-injection (typed)', noRawSqlInjection, {
  valid: [],
  invalid: [
    {
      code: lines(
        "import type { Kysely } from 'kysely'",
        "import type { Database } from './test/fixtures/http'",
        'declare function connect(): Kysely<Database>',
        'const db = connect()',
        "export const f = (c: string) => db.selectFrom('orders').select(db.dynamic.ref(c))"),
      errors: [{ messageId: 'identifier', data: { helper: 'db.dynamic.ref' } }],
    },
  ],
})
