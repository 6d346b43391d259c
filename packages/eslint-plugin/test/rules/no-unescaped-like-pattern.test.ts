import { noUnescapedLikePattern } from '../../src/rules/no-unescaped-like-pattern'
import { ruleTester } from '../rule-tester'

const kysely = `import { sql, Kysely } from 'kysely'\ndeclare const db: Kysely<any>\ndeclare const q: string\ndeclare function escapeLike(s: string): string\n`
const pg = `import pg from 'pg'\ndeclare const pool: pg.Pool\ndeclare const q: string\ndeclare function escapeLike(s: string): string\n`

ruleTester.run('no-unescaped-like-pattern', noUnescapedLikePattern, {
  valid: [
    `${kysely}db.selectFrom('t').where('name', 'ilike', \`%\${escapeLike(q)}%\`)`,
    `${kysely}db.selectFrom('t').where('name', 'like', escapeLike(q) + '%')`,
    `${kysely}const p = \`%\${q.replace(/[\\\\%_]/g, '\\\\$&')}%\`\ndb.selectFrom('t').where('name', 'like', p)`,
    `${kysely}db.selectFrom('t').where('name', '=', \`%\${q}%\`)`,
    `${kysely}db.selectFrom('t').where('name', 'like', 'abc%')`,
    // The whole pattern comes from elsewhere: not built here, not reported.
    `${kysely}db.selectFrom('t').where('name', 'like', q)`,
    `${kysely}sql\`name ilike \${'%' + escapeLike(q) + '%'}\``,
    `${pg}pool.query('select * from t where name ilike $1', [\`%\${escapeLike(q)}%\`])`,
    `${pg}pool.query("select * from t where name like '%' || $1 || '%'", [escapeLike(q)])`,
    `${pg}const safe = escapeLike(q)\npool.query("select * from t where name like $1 || '%'", [safe])`,
    {
      code: `${kysely}declare function likeSafe(s: string): string\ndb.selectFrom('t').where('name', 'like', \`\${likeSafe(q)}%\`)`,
      options: [{ escapeFunctions: ['likeSafe'] }],
    },
    // Not Kysely.
    `const api = { where: (...a: unknown[]) => a }\ndeclare const q: string\napi.where('name', 'like', \`%\${q}%\`)`,
  ],
  invalid: [
    {
      code: `${kysely}db.selectFrom('t').where('name', 'ilike', \`%\${q}%\`)`,
      errors: [{ messageId: 'unescaped', data: { value: '`q`', helper: 'escapeLike' } }],
    },
    {
      code: `${kysely}db.selectFrom('t').where('name', 'not like', q + '%')`,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      code: `${kysely}const pattern = \`%\${q}\`\ndb.selectFrom('t').where('name', 'like', pattern)`,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      code: `${kysely}db.selectFrom('t').where((eb) => eb('name', 'ilike', \`\${q}%\`))`,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      code: `${kysely}db.selectFrom('t').innerJoin('u', (join) => join.on('u.name', 'like', \`%\${q}\`))`,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      code: `${kysely}sql\`select * from t where name ilike \${'%' + q + '%'}\``,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      code: `${kysely}sql\`select * from t where name ilike '%' || \${q} || '%'\``,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      code: `${pg}pool.query('select * from t where name ilike $1', ['%' + q + '%'])`,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      code: `${pg}pool.query("select * from t where name like '%' || $1 || '%'", [q])`,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      code: `${pg}pool.query("select * from t where name like $1 || '%'", [q])`,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      code: `${pg}pool.query({ text: "select * from t where a = $1 and name like concat('%', $2, '%')", values: [1, q] })`,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      // Escaping only % still lets _ match any character.
      code: `${kysely}db.selectFrom('t').where('name', 'like', \`%\${q.replace(/%/g, '\\\\%')}%\`)`,
      errors: [{ messageId: 'unescaped' }],
    },
  ],
})
