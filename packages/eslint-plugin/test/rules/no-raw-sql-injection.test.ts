import { noRawSqlInjection } from '../../src/rules/no-raw-sql-injection'
import { lines, ruleTester } from '../rule-tester'

const header = lines(
  "import { sql, Kysely } from 'kysely'",
  'declare const db: Kysely<any>',
  'declare const input: string',
  '',
)

ruleTester.run('no-raw-sql-injection', noRawSqlInjection, {
  valid: [
    // Fixed text in every spelling.
    `${header}sql.raw('now()')`,
    `${header}sql.raw(\`count(*)\`)`,
    `${header}const FN = 'now()'; sql.raw(FN)`,
    `${header}const COLS = { a: 'name' } as const; sql.raw(COLS.a)`,
    `${header}sql.raw(input === 'desc' ? 'desc' : 'asc')`,
    `${header}enum Dir { Asc = 'asc', Desc = 'desc' }\nsql.raw(Dir.Desc)`,
    // Values checked against a run-time allowlist before use.
    lines(header,
      "const DIRS = ['asc', 'desc'] as const",
      "if (!DIRS.includes(input as never)) throw new Error('bad')",
      'sql.raw(input)'),
    lines(header,
      "const DIRS = ['asc', 'desc'] as const",
      'if ((DIRS as readonly string[]).includes(input)) { sql.raw(input) }'),
    lines(header,
      "const COLS = new Set(['name', 'email'])",
      "export const f = () => COLS.has(input) ? sql.ref(input) : sql.ref('name')"),
    lines(header,
      'switch (input) {',
      "  case 'asc':",
      "  case 'desc':",
      '    sql.raw(input)',
      '    break',
      '}'),
    lines(header,
      "const SORTS = { newest: 'created_at desc', oldest: 'created_at asc' }",
      'export function f(key: string) {',
      "  if (!Object.hasOwn(SORTS, key)) throw new Error('unknown sort')",
      '  return sql.raw(SORTS[key as keyof typeof SORTS])',
      '}'),
    lines(header,
      "const SORTS = new Map([['newest', 'created_at desc']])",
      "sql.raw(SORTS.get(input) ?? 'id')"),
    lines(header,
      'const NAME = /^[a-z_][a-z0-9_]{0,62}$/',
      'export function f(name: string) {',
      "  if (!NAME.test(name)) throw new Error('bad name')",
      '  return sql.id(name)',
      '}'),
    lines(header,
      "const ALLOWED = ['a', 'b']",
      'function isColumn(x: string): boolean { return ALLOWED.includes(x) }',
      'if (isColumn(input)) sql.ref(input)'),
    lines(header,
      "const ALLOWED = ['a', 'b']",
      'export const f = (cols: string[]) =>',
      '  sql.join(cols.filter((c) => ALLOWED.includes(c)).map((c) => sql.ref(c)))'),
    lines(header,
      "const COLUMNS = ['id', 'name'] as const",
      'sql.join(COLUMNS.map(sql.ref))'),
    `${header}for (const t of ['a', 'b']) sql.table(t)`,
    `${header}sql.lit(Number(input))`,
    `${header}sql.raw(String(Math.trunc(Number(input))))`,
    lines(header,
      "function dir(d: string) { return d === 'desc' ? 'desc' : 'asc' }",
      'sql.raw(dir(input))'),
    lines(header,
      "import assert from 'node:assert'",
      "const OK = ['a']",
      'assert(OK.includes(input))',
      'db.dynamic.ref(input)'),
    lines(header,
      'export function f(name?: string) {',
      "  if (name !== undefined && !/^[a-z_]+$/.test(name)) throw new Error('x')",
      '  return sql.raw(`template ${name}`)',
      '}'),
    lines(header,
      "const OK = ['a', 'b']",
      'if (OK.includes(input)) { /* fine */ } else { throw new Error("x") }',
      'sql.ref(input)'),
    lines(header,
      "const OK = ['a', 'b']",
      'declare const cols: string[]',
      'for (const c of cols) {',
      '  if (!OK.includes(c)) continue',
      '  sql.ref(c)',
      '}'),
    lines(header,
      "const OK = new Set(['a'])",
      'declare const cols: string[]',
      'cols.forEach((c) => {',
      '  if (!OK.has(c)) return',
      '  sql.ref(c)',
      '})'),
    // Values bound as parameters are not this rule's business.
    `${header}sql\`select * from t where name = \${input}\``,
    // Not Kysely: a local object that happens to be called sql.
    lines(
      'const sql = { raw: (s: string) => s }',
      'declare const input: string',
      'sql.raw(input)'),
  ],
  invalid: [
    {
      code: `${header}sql.raw(input)`,
      errors: [{ messageId: 'raw', data: { helper: 'sql.raw' } }],
    },
    {
      // A TypeScript type is erased: the cast checks nothing at run time.
      code: `${header}type Dir = 'asc' | 'desc'\nsql.raw(input as Dir)`,
      errors: [{ messageId: 'raw' }],
    },
    {
      code: `${header}enum Dir { Asc = 'asc' }\nsql.raw(input as Dir)`,
      errors: [{ messageId: 'raw' }],
    },
    {
      code: `${header}sql\`select * from t order by id \${sql.raw(input)}\``,
      errors: [{ messageId: 'raw' }],
    },
    {
      code: `${header}sql.raw(\`created_at \${input}\`)`,
      errors: [{ messageId: 'raw' }],
    },
    {
      code: lines(
        "import { sql as s } from 'kysely'",
        'declare const q: { sort: string }',
        'const raw = s.raw',
        'raw(q.sort)'),
      errors: [{ messageId: 'raw' }],
    },
    {
      code: "import * as k from 'kysely'\ndeclare const q: string\nk.sql.ref(q)",
      errors: [{ messageId: 'identifier', data: { helper: 'sql.ref' } }],
    },
    {
      code: "const { sql } = require('kysely')\ndeclare const q: string\nsql.id(q)",
      errors: [{ messageId: 'identifier', data: { helper: 'sql.id' } }],
    },
    {
      code: lines(
        'declare const q: string',
        'export async function f() {',
        "  const { sql } = await import('kysely')",
        '  return sql.raw(q)',
        '}'),
      errors: [{ messageId: 'raw' }],
    },
    {
      code: `${header}sql.lit(input)`,
      errors: [{ messageId: 'literal' }],
    },
    {
      code: `${header}sql.table(\`tenant_\${input}.orders\`)`,
      errors: [{ messageId: 'identifier', data: { helper: 'sql.table' } }],
    },
    {
      code: `${header}db.selectFrom('t').select(db.dynamic.ref(input))`,
      errors: [{ messageId: 'identifier', data: { helper: 'db.dynamic.ref' } }],
    },
    {
      code: lines(header,
        'export async function f(k: Kysely<any>, t: string) {',
        '  await k.transaction().execute(async (trx) =>',
        "    trx.selectFrom(trx.dynamic.table(t).as('x')))",
        '}'),
      errors: [{ messageId: 'identifier', data: { helper: 'db.dynamic.table' } }],
    },
    {
      code: `${header}declare const cols: string[]\nsql.join(cols.map(sql.ref))`,
      errors: [{ messageId: 'callback', data: { helper: 'sql.ref' } }],
    },
    {
      // The check comes after the use.
      code: lines(header,
        "const DIRS = ['asc', 'desc']",
        'sql.raw(input)',
        "if (!DIRS.includes(input)) throw new Error('x')"),
      errors: [{ messageId: 'raw' }],
    },
    {
      // The allowlist is extended at run time.
      code: lines(header,
        "const DIRS = ['asc']",
        'DIRS.push(input)',
        'if (DIRS.includes(input)) sql.raw(input)'),
      errors: [{ messageId: 'raw' }],
    },
    {
      // Either check may pass, so the value is not known to be allowed.
      code: lines(header,
        "const OK = ['a']",
        'declare const admin: boolean',
        "if (!OK.includes(input) && !admin) throw new Error('x')",
        'sql.ref(input)'),
      errors: [{ messageId: 'identifier' }],
    },
    {
      // An unanchored pattern accepts anything that contains a match.
      code: `${header}if (!/[a-z_]+/.test(input)) throw new Error('x')\nsql.id(input)`,
      errors: [{ messageId: 'identifier' }],
    },
    {
      // Alternation outside a group unanchors one side.
      code: `${header}if (!/^a|b$/.test(input)) throw new Error('x')\nsql.raw(input)`,
      errors: [{ messageId: 'raw' }],
    },
    {
      // The checked variable is not the one used.
      code: lines(header,
        'declare const other: string',
        "const OK = ['a']",
        'if (OK.includes(other)) sql.ref(input)'),
      errors: [{ messageId: 'identifier' }],
    },
    {
      // A reassigned variable may no longer hold the checked value.
      code: lines(header,
        'let col = input',
        "const OK = ['a']",
        "if (OK.includes(col)) { col = input + '1'; sql.ref(col) }"),
      errors: [{ messageId: 'identifier' }],
    },
    {
      code: lines(header,
        "const SORTS: Record<string, string> = { a: 'x' }",
        'sql.raw(SORTS[input] as string)'),
      errors: [{ messageId: 'raw' }],
    },
    {
      code: `${header}switch (input) {\n  case 'asc':\n  default:\n    sql.raw(input)\n}`,
      errors: [{ messageId: 'raw' }],
    },
  ],
})
