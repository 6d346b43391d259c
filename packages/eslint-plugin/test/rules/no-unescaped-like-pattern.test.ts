import { noUnescapedLikePattern } from '../../src/rules/no-unescaped-like-pattern'
import { lines, ruleTester } from '../rule-tester'

const escapeLike = 'declare function escapeLike(s: string): string'
const kysely = lines(
  "import { sql, Kysely } from 'kysely'",
  'declare const db: Kysely<any>',
  'declare const q: string',
  escapeLike,
  "const t = db.selectFrom('t')",
  '',
)
const pg = lines(
  "import pg from 'pg'",
  'declare const pool: pg.Pool',
  'declare const q: string',
  escapeLike,
  '',
)

ruleTester.run('no-unescaped-like-pattern', noUnescapedLikePattern, {
  valid: [
    `${kysely}t.where('name', 'ilike', \`%\${escapeLike(q)}%\`)`,
    `${kysely}t.where('name', 'like', escapeLike(q) + '%')`,
    lines(kysely,
      "const p = `%${q.replace(/[\\\\%_]/g, '\\\\$&')}%`",
      "t.where('name', 'like', p)"),
    `${kysely}t.where('name', '=', \`%\${q}%\`)`,
    `${kysely}t.where('name', 'like', 'abc%')`,
    // The whole pattern comes from elsewhere: not built here, not reported.
    `${kysely}t.where('name', 'like', q)`,
    `${kysely}sql\`name ilike \${'%' + escapeLike(q) + '%'}\``,
    `${pg}pool.query('select * from t where name ilike $1', [\`%\${escapeLike(q)}%\`])`,
    `${pg}pool.query("select * from t where name like '%' || $1 || '%'", [escapeLike(q)])`,
    lines(pg,
      'const safe = escapeLike(q)',
      "pool.query(\"select * from t where name like $1 || '%'\", [safe])"),
    {
      code: lines(kysely,
        'declare function likeSafe(s: string): string',
        "t.where('name', 'like', `${likeSafe(q)}%`)"),
      options: [{ escapeFunctions: ['likeSafe'] }],
    },
    // Not Kysely.
    lines(
      'const api = { where: (...a: unknown[]) => a }',
      'declare const q: string',
      "api.where('name', 'like', `%${q}%`)"),
  ],
  invalid: [
    {
      code: `${kysely}t.where('name', 'ilike', \`%\${q}%\`)`,
      errors: [{ messageId: 'unescaped', data: { value: '`q`', helper: 'escapeLike' } }],
    },
    {
      code: `${kysely}t.where('name', 'not like', q + '%')`,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      code: `${kysely}const pattern = \`%\${q}\`\nt.where('name', 'like', pattern)`,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      code: `${kysely}t.where((eb) => eb('name', 'ilike', \`\${q}%\`))`,
      errors: [{ messageId: 'unescaped' }],
    },
    {
      code: `${kysely}db.selectFrom('t').innerJoin('u', (j) => j.on('u.n', 'like', \`%\${q}\`))`,
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
      code: lines(pg,
        'pool.query({',
        "  text: \"select * from t where a = $1 and name like concat('%', $2, '%')\",",
        '  values: [1, q],',
        '})'),
      errors: [{ messageId: 'unescaped' }],
    },
    {
      // Escaping only % still lets _ match any character.
      code: `${kysely}t.where('name', 'like', \`%\${q.replace(/%/g, '\\\\%')}%\`)`,
      errors: [{ messageId: 'unescaped' }],
    },
  ],
})
