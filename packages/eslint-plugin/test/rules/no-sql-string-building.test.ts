import { noSqlStringBuilding } from '../../src/rules/no-sql-string-building'
import { ruleTester } from '../rule-tester'

const pgHeader = `import pg from 'pg'\nconst pool = new pg.Pool()\ndeclare const q: { id: string; sort: string; ids: string[] }\n`

ruleTester.run('no-sql-string-building', noSqlStringBuilding, {
  valid: [
    `${pgHeader}pool.query('select * from t where id = $1', [q.id])`,
    `${pgHeader}pool.query({ text: 'select * from t where id = $1', values: [q.id] })`,
    `${pgHeader}pool.query('select * from t where id = any($1)', [q.ids])`,
    // Spliced values fixed in the code.
    `${pgHeader}const TABLE = 'orders'\npool.query(\`select * from \${TABLE} where id = $1\`, [q.id])`,
    `${pgHeader}pool.query(\`select * from t order by id \${q.sort === 'desc' ? 'desc' : 'asc'}\`)`,
    `${pgHeader}pool.query(\`select * from t limit \${Number(q.id)}\`)`,
    `${pgHeader}for (const t of ['a', 'b']) pool.query(\`truncate \${t}\`)`,
    `${pgHeader}const cols = ['id', 'name']\npool.query(\`select \${cols.join(', ')} from t\`)`,
    `${pgHeader}import { escapeIdentifier } from 'pg'\npool.query(\`create database \${escapeIdentifier(q.id)}\`)`,
    `${pgHeader}import { randomBytes } from 'node:crypto'\nconst name = \`tk_\${randomBytes(4).toString('hex')}\`\npool.query(\`create database \${name}\`)`,
    `${pgHeader}const NAME = /^[a-z_][a-z0-9_]*$/
     export async function drop(name: string) {
       if (!NAME.test(name)) throw new Error('bad name')
       await pool.query(\`drop database \${name}\`)
     }`,
    // Not SQL-looking: the text is only passed through.
    `${pgHeader}declare const text: string\npool.query(\`\${text}\`)`,
    `${pgHeader}declare const text: string\npool.query(text)`,
    // A local object named like a pool is not node-postgres.
    `const pool = { query: (s: string) => s }\ndeclare const x: string\npool.query(\`select \${x}\`)`,
    `const client = { query: (s: string) => s }\ndeclare const x: string\nclient.query('select ' + x)`,
    // Kysely's sql tag binds interpolated values.
    `import { sql } from 'kysely'\ndeclare const x: string\nsql\`select * from t where id = \${x}\``,
    // postgres.js tagged templates bind values too.
    `import postgres from 'postgres'\nconst sql = postgres()\ndeclare const x: string\nsql\`select \${x}\``,
  ],
  invalid: [
    {
      code: `${pgHeader}pool.query(\`select * from t where id = '\${q.id}'\`)`,
      errors: [{ messageId: 'built', data: { sink: 'pool.query', value: '`q.id`' } }],
    },
    {
      code: `${pgHeader}pool.query('select * from t where id = ' + q.id)`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pgHeader}pool.query('select * from t where id = '.concat(q.id))`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pgHeader}pool.query(['select * from t where id in (', q.ids.join(','), ')'].join(''))`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pgHeader}const list = q.ids.map((id) => \`'\${id}'\`).join(',')\npool.query(\`delete from t where id in (\${list})\`)`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pgHeader}export async function f() {\n  const client = await pool.connect()\n  await client.query(\`select * from t order by \${q.sort}\`)\n}`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `import { Client } from 'pg'\nconst c = new Client()\ndeclare const x: string\nc.query({ text: \`select \${x}\` })`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `const { Pool } = require('pg')\nconst p = new Pool()\ndeclare const x: string\np.query('select * from t where a = ' + x)`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `import Pool from 'pg-pool'\nconst p = new Pool()\ndeclare const x: string\np.query(\`select \${x}\`)`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `import type { PoolClient } from 'pg'\nexport function f(c: PoolClient, x: string) { return c.query(\`select \${x}\`) }`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `import pg from 'pg'\nclass Repo {\n  constructor(private readonly pool: pg.Pool) {}\n  find(x: string) { return this.pool.query(\`select \${x}\`) }\n}`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `import { Pool } from 'pg'\nclass Repo {\n  #pool = new Pool()\n  find(x: string) { return this.#pool.query('select ' + x) }\n}`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pgHeader}pool.connect((err, client) => { client?.query(\`select \${q.id}\`) })`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `import pg from 'pg'\nasync function withClient<T>(work: (c: pg.Client) => Promise<T>) { return work(new pg.Client()) }\ndeclare const x: string\nwithClient((c) => c.query(\`drop table \${x}\`))`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pgHeader}let text = 'select * from t where true'\nif (q.id) text += \` and id = '\${q.id}'\`\npool.query(text)`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pgHeader}const where: string[] = []\nwhere.push(\`id = '\${q.id}'\`)\npool.query('select * from t where ' + where.join(' and '))`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pgHeader}function run(text: string) { return pool.query(text) }\nrun(\`select * from t where id = \${q.id}\`)`,
      errors: [{ messageId: 'builtByCaller', data: { sink: 'pool.query', fn: 'run', value: '`q.id`' } }],
    },
    {
      code: `import { CompiledQuery, Kysely } from 'kysely'\ndeclare const db: Kysely<any>\ndeclare const x: string\ndb.executeQuery(CompiledQuery.raw(\`delete from t where id = \${x}\`))`,
      errors: [{ messageId: 'built', data: { sink: 'CompiledQuery.raw', value: '`x`' } }],
    },
    {
      code: `import postgres from 'postgres'\nconst sql = postgres()\ndeclare const x: string\nsql.unsafe(\`select * from t order by \${x}\`)`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `import postgres from 'postgres'\nconst sql = postgres()\ndeclare const x: string\nsql.begin(async (tx) => tx.unsafe('select ' + x))`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `import pg from 'pg'\nimport Cursor from 'pg-cursor'\ndeclare const c: pg.PoolClient\ndeclare const x: string\nc.query(new Cursor(\`select \${x}\`))`,
      errors: [{ messageId: 'built' }],
    },
    {
      code: `${pgHeader}pool.query(\`select * from t where id = \${q.id as 'a' | 'b'}\`)`,
      errors: [{ messageId: 'built' }],
    },
  ],
})
