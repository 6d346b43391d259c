import type { InjectionPayload } from '../payload'
import { category, type CorpusContext } from './build'

const tautology = category('tautology')
const comment = category('comment')
const union = category('union')
const stacked = category('stacked')

/** Payloads that close a string literal and rewrite the query after it. */
export function quoteBreaking(_: CorpusContext): InjectionPayload[] {
  return [
    tautology('value', 'or-string', "' OR 'a'='a", 'close the literal, match every row'),
    tautology('value', 'or-comment', "x' OR 1=1 --", 'match every row, comment out the rest'),
    tautology('value', 'or-true-paren', "') OR (true", 'close a parenthesised literal'),
    tautology('value', 'or-empty', "' OR ''='", 'tautology that needs no digits'),
    tautology('value', 'numeric-or', '0 OR 1=1', 'unquoted numeric context'),
    tautology('value', 'double-quote', '" OR "1"="1',
      'double quotes, for code that picks the wrong quote'),
    tautology('value', 'is-not-null', "x' OR title IS NOT NULL OR 'a'='", 'guesses a column name'),
    tautology('like-pattern', 'like-or', "%' OR 'a'='a", 'break out of a LIKE literal'),
    tautology('json-key', 'json-key-or', "a' OR 'a'='a", 'break out of a JSON key literal'),

    comment('value', 'line', "x'--", 'drop the rest of the query'),
    comment('value', 'line-semicolon', "x';--", 'end the statement early'),
    comment('value', 'block-open', "x'/*", 'unterminated block comment'),
    comment('value', 'inline-spaces', "x'/**/OR/**/'a'='a", 'comments in place of spaces'),
    comment('value', 'nested', "x' /* a /* nested */ b */ OR 'a'='a",
      'PostgreSQL nests block comments; naive filters stop at the first */'),
    comment('value', 'nested-unbalanced', "x' /* /* */ OR 'a'='a",
      'an unbalanced nested comment swallows the rest of the query'),
    comment('value', 'hash', "x' #", 'MySQL-style comment, a syntax error in PostgreSQL'),

    ...[1, 2, 3, 4, 5, 6].map((columns) => union('value', `null-${columns}`,
      `x' UNION ALL SELECT ${Array(columns).fill('NULL').join(',')} ` +
        'FROM generate_series(1, 9) --',
      'probe the column count; the right count adds nine rows')),
    union('value', 'current-user', "x' UNION SELECT current_user --", 'read the login role'),
    union('value', 'tables', "x' UNION SELECT table_name::text FROM information_schema.tables --",
      'enumerate the schema'),
    union('value', 'numeric', '0 UNION SELECT NULL', 'union from a numeric context'),

    stacked('value', 'select', "x'; SELECT 1; --", 'a second statement'),
    stacked('value', 'create-table', "x'; CREATE TABLE tk_injected_table (x int); --",
      'change the schema'),
    stacked('value', 'create-function',
      "x'; CREATE FUNCTION tk_injected_fn() RETURNS int LANGUAGE sql AS 'SELECT 1'; --",
      'plant a function'),
    stacked('value', 'create-role', "x'; CREATE ROLE tk_injected_role NOLOGIN; --",
      'create a role'),
    stacked('value', 'disable-rls',
      "x'; ALTER TABLE IF EXISTS tk_missing_table DISABLE ROW LEVEL SECURITY; --",
      'switch row-level security off'),
    stacked('value', 'commit', "x'; COMMIT; SELECT 1; --", 'end the app transaction early'),
    stacked('value', 'numeric', '1; SELECT 1', 'a second statement after a number'),
  ]
}
