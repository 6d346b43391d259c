import { noSqlStringBuilding } from '../../src/rules/no-sql-string-building'
import { lines, ruleTester } from '../rule-tester'

const pg = lines(
  "import pg from 'pg'",
  'const pool = new pg.Pool()',
  'declare const q: { id: string; sort: string; ids: string[] }',
  '',
)
const withX = (...source: string[]): string =>
  lines(...source.slice(0, -1), 'declare const x: string', source.at(-1) ?? '')

ruleTester.run('no-sql-string-building', noSqlStringBuilding, {
  valid: [
    `${pg}pool.query('select * from t where id = $1', [q.id])`,
    `${pg}pool.query({ text: 'select * from t where id = $1', values: [q.id] })`,
    `${pg}pool.query('select * from t where id = any($1)', [q.ids])`,
    // Spliced values fixed in the code.
    lines(pg,
      "const TABLE = 'orders'",
      'pool.query(`select * from ${TABLE} where id = $1`, [q.id])'),
    `${pg}pool.query(\`select * from t order by \${q.sort === 'd' ? 'desc' : 'asc'}\`)`,
    `${pg}pool.query(\`select * from t limit \${Number(q.id)}\`)`,
    `${pg}for (const t of ['a', 'b']) pool.query(\`truncate \${t}\`)`,
    `${pg}const cols = ['id', 'name']\npool.query(\`select \${cols.join(', ')} from t\`)`,
    lines(pg,
      "import { escapeIdentifier } from 'pg'",
      'pool.query(`create database ${escapeIdentifier(q.id)}`)'),
    lines(pg,
      "import { randomBytes } from 'node:crypto'",
      "const name = `tk_${randomBytes(4).toString('hex')}`",
      'pool.query(`create database ${name}`)'),
    lines(pg,
      'const NAME = /^[a-z_][a-z0-9_]*$/',
      'export async function drop(name: string) {',
      "  if (!NAME.test(name)) throw new Error('bad name')",
      '  await pool.query(`drop database ${name}`)',
      '}'),
    // Not SQL-looking: the text is only passed through.
    `${pg}declare const text: string\npool.query(\`\${text}\`)`,
    `${pg}declare const text: string\npool.query(text)`,
    // A local object named like a pool is not node-postgres.
    withX('const pool = { query: (s: string) => s }', 'pool.query(`select ${x}`)'),
    withX('const client = { query: (s: string) => s }', "client.query('select ' + x)"),
    // Kysely's and postgres.js's sql tags bind interpolated values.
    withX("import { sql } from 'kysely'", 'sql`select * from t where id = ${x}`'),
    withX("import postgres from 'postgres'", 'const sql = postgres()', 'sql`select ${x}`'),
  ],
  invalid: [
    {
      code: `${pg}pool.query(\`select * from t where id = '\${q.id}'\`)`,
      errors: [{ messageId: 'built', data: { sink: 'pool.query', value: '`q.id`' } }],
    },
    {
      code: `${pg}pool.query('select * from t where id = ' + q.id)`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pg}pool.query('select * from t where id = '.concat(q.id))`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pg}pool.query(['select * from t where id in (', q.ids.join(','), ')'].join(''))`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: lines(pg,
        "const list = q.ids.map((id) => `'${id}'`).join(',')",
        'pool.query(`delete from t where id in (${list})`)'),
      errors: [{ messageId: 'built' }],
    },
    {
      code: lines(pg,
        'export async function f() {',
        '  const client = await pool.connect()',
        '  await client.query(`select * from t order by ${q.sort}`)',
        '}'),
      errors: [{ messageId: 'built' }],
    },
    {
      code: withX("import { Client } from 'pg'", 'const c = new Client()',
        'c.query({ text: `select ${x}` })'),
      errors: [{ messageId: 'built' }],
    },
    {
      code: withX("const { Pool } = require('pg')", 'const p = new Pool()',
        "p.query('select * from t where a = ' + x)"),
      errors: [{ messageId: 'built' }],
    },
    {
      code: withX("import Pool from 'pg-pool'", 'const p = new Pool()', 'p.query(`select ${x}`)'),
      errors: [{ messageId: 'built' }],
    },
    {
      code: withX("import { Pool } from '@neondatabase/serverless'", 'const p = new Pool()',
        'p.query(`select ${x}`)'),
      errors: [{ messageId: 'built' }],
    },
    {
      code: withX("import pg from 'pg'", 'new pg.Query(`select * from t where a = ${x}`)'),
      errors: [{ messageId: 'built', data: { sink: 'pg.Query', value: '`x`' } }],
    },
    {
      code: lines(
        "import type { PoolClient } from 'pg'",
        'export const f = (c: PoolClient, x: string) => c.query(`select ${x}`)'),
      errors: [{ messageId: 'built' }],
    },
    {
      code: lines(
        "import pg from 'pg'",
        'class Repo {',
        '  constructor(private readonly pool: pg.Pool) {}',
        '  find(x: string) { return this.pool.query(`select ${x}`) }',
        '}'),
      errors: [{ messageId: 'built' }],
    },
    {
      code: lines(
        "import { Pool } from 'pg'",
        'class Repo {',
        '  #pool = new Pool()',
        "  find(x: string) { return this.#pool.query('select ' + x) }",
        '}'),
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pg}pool.connect((err, client) => { client?.query(\`select \${q.id}\`) })`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: lines(
        "import pg from 'pg'",
        'async function withClient<T>(work: (c: pg.Client) => Promise<T>) {',
        '  return work(new pg.Client())',
        '}',
        'declare const x: string',
        'withClient((c) => c.query(`drop table ${x}`))'),
      errors: [{ messageId: 'built' }],
    },
    {
      code: lines(pg,
        "let text = 'select * from t where true'",
        "if (q.id) text += ` and id = '${q.id}'`",
        'pool.query(text)'),
      errors: [{ messageId: 'built' }],
    },
    {
      code: lines(pg,
        'const where: string[] = []',
        "where.push(`id = '${q.id}'`)",
        "pool.query('select * from t where ' + where.join(' and '))"),
      errors: [{ messageId: 'built' }],
    },
    {
      code: lines(pg,
        'function byId(id: string) { return `select * from t where id = ${id}` }',
        'pool.query(byId(q.id))'),
      errors: [{ messageId: 'built', data: { sink: 'pool.query', value: '`id`' } }],
    },
    {
      code: lines(pg,
        'function run(text: string) { return pool.query(text) }',
        'run(`select * from t where id = ${q.id}`)'),
      errors: [{
        messageId: 'builtByCaller',
        data: { sink: 'pool.query', fn: 'run', value: '`q.id`' },
      }],
    },
    {
      code: withX(
        "import { CompiledQuery, Kysely } from 'kysely'",
        'declare const db: Kysely<any>',
        'db.executeQuery(CompiledQuery.raw(`delete from t where id = ${x}`))'),
      errors: [{ messageId: 'built', data: { sink: 'CompiledQuery.raw', value: '`x`' } }],
    },
    {
      code: lines(
        "import { CompiledQuery, Kysely } from 'kysely'",
        'declare const db: Kysely<any>',
        'declare const x: string',
        'const q = CompiledQuery.raw("")',
        'db.executeQuery({',
        '  sql: `delete from t where id = ${x}`, parameters: [], query: q.query,',
        '})'),
      errors: [{ messageId: 'built', data: { sink: 'db.executeQuery', value: '`x`' } }],
    },
    {
      code: withX("import postgres from 'postgres'", 'const sql = postgres()',
        'sql.unsafe(`select * from t order by ${x}`)'),
      errors: [{ messageId: 'built' }],
    },
    {
      code: withX("import postgres from 'postgres'", 'const sql = postgres()',
        "sql.begin(async (tx) => tx.unsafe('select ' + x))"),
      errors: [{ messageId: 'built' }],
    },
    {
      code: lines(
        "import pg from 'pg'",
        "import Cursor from 'pg-cursor'",
        'declare const c: pg.PoolClient',
        'declare const x: string',
        'c.query(new Cursor(`select ${x}`))'),
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pg}pool.query(\`select * from t where id = \${q.id as 'a' | 'b'}\`)`,
      errors: [{ messageId: 'built' }],
    },
  ],
})
