import type { InjectionPayload } from '../payload'
import { category, type CorpusContext } from './build'

const like = category('like-wildcard')
const orderBy = category('order-by')
const ident = category('identifier')
const json = category('json')
const array = category('array')

/**
 * Payloads aimed at query structure rather than values: LIKE patterns,
 * ORDER BY, identifiers, JSON paths, arrays and IN lists.
 */
export function structure(_: CorpusContext): InjectionPayload[] {
  return [
    like('like-pattern', 'percent', '%', 'match everything when % is not escaped'),
    like('like-pattern', 'underscore', '_', 'match any one character'),
    like('like-pattern', 'underscores', '____', 'match any four characters'),
    like('like-pattern', 'percent-underscore', '%_%', 'match any non-empty string'),
    like('like-pattern', 'backslash-percent', String.raw`\%`,
      'an escape the app may double-escape'),
    like('like-pattern', 'trailing-backslash', 'a\\', 'a pattern ending in the escape character'),
    like('like-pattern', 'bracket-class', '[a-z]%', 'SQL Server character class, literal here'),

    orderBy('order-direction', 'stacked', 'ASC; SELECT 1', 'a second statement'),
    orderBy('order-direction', 'limit', 'ASC LIMIT 1000 --', 'change the row limit'),
    orderBy('order-direction', 'nulls', 'ASC NULLS FIRST --', 'extra ORDER BY syntax'),
    orderBy('order-direction', 'case', "ASC, (CASE WHEN current_user='postgres' THEN 1 ELSE 2 END)",
      'a boolean oracle through the row order'),
    orderBy('order-direction', 'cast-error', 'ASC, (SELECT CAST(current_user AS int))',
      'the error message shows the login role'),
    orderBy('order-direction', 'union', 'ASC UNION SELECT NULL --', 'union after ORDER BY'),
    orderBy('order-direction', 'comment', 'DESC --', 'comment out what follows'),
    orderBy('order-direction', 'word', 'sideways', 'neither ASC nor DESC'),

    ident('identifier', 'quote-break', 'id" OR "1"="1', 'close a quoted identifier'),
    ident('identifier', 'quote-stacked', 'id"; SELECT 1; --',
      'close the identifier, add a statement'),
    ident('identifier', 'subquery', '(SELECT current_user)', 'an expression instead of a column'),
    ident('identifier', 'position', '1', 'a column position'),
    ident('identifier', 'unknown', 'no_such_column', 'a column that does not exist'),
    ident('identifier', 'tenant-column', 'tenant_id', 'a column the caller should not sort by'),
    ident('identifier', 'qualified', 'pg_catalog.current_user', 'a schema-qualified name'),
    ident('identifier', 'list', 'id, (SELECT 1)', 'several expressions'),
    ident('identifier', 'empty-quotes', '""', 'an empty quoted identifier'),

    json('json-key', 'arrow', "a'->>'b", 'add a path step'),
    json('json-key', 'path-array', '{a,b}', 'a text-array path for #>'),
    json('json-key', 'jsonpath', '$.** ? (@ == 1)', 'a jsonpath that walks the whole document'),
    json('json-key', 'brace', 'a}', 'close a path literal'),
    json('json-key', 'negative-index', '-1', 'an array index from the end'),
    json('value', 'containment', `x' OR '{}'::jsonb @> '{}' --`, 'a jsonb tautology'),
    json('value', 'operator-object', '{"$ne": null}', 'a document-store operator object'),
    json('value', 'tenant-override', '{"tenant_id": "00000000-0000-0000-0000-000000000000"}',
      'a JSON document that names another tenant'),

    array('value', 'in-close', '1) OR (1=1', 'close an IN list'),
    array('value', 'in-union', '1) UNION SELECT NULL --', 'union from an IN list'),
    array('value', 'literal', '{1,2,3}', 'an array literal'),
    array('value', 'literal-break', "x'}') OR ('a'='a", 'close an array literal'),
    array('value', 'constructor', 'ARRAY[1,2]', 'an ARRAY constructor'),
    array('value', 'quoted-elements', '{"a","b\\"c"}', 'quoted and escaped elements'),
  ]
}
