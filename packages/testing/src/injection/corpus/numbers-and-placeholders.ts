import type { InjectionPayload } from '../payload'
import { category, type CorpusContext } from './build'

const numeric = category('numeric')
const placeholder = category('placeholder')

/**
 * Numbers that overflow PostgreSQL types or lose precision in JavaScript,
 * and text that looks like a bind placeholder to naive substitution code.
 */
export function numbersAndPlaceholders(_: CorpusContext): InjectionPayload[] {
  return [
    numeric('value', 'int4-overflow', '2147483648', 'one past the largest int'),
    numeric('value', 'int8-overflow', '9223372036854775808', 'one past the largest bigint'),
    numeric('value', 'int8-underflow', '-9223372036854775809', 'one below the smallest bigint'),
    numeric('value', 'js-unsafe', '9007199254740993', 'Number() rounds it to a neighbour id'),
    numeric('value', 'js-infinity', '1e309', 'Infinity in JavaScript'),
    numeric('value', 'tiny', '1e-400', 'underflows to zero'),
    numeric('value', 'nan', 'NaN', 'not a number, yet a valid numeric in PostgreSQL'),
    numeric('value', 'negative-zero', '-0', 'negative zero'),
    numeric('value', 'hex', '0x10', 'hex that JavaScript parses and PostgreSQL 15 does not'),
    numeric('value', 'padded', '0000000000000000000001', 'leading zeros'),
    numeric('value', 'huge-numeric', '9'.repeat(1_000), 'a thousand digits'),

    placeholder('value', 'dollar-1', '$1', 'a positional parameter'),
    placeholder('value', 'dollar-2-cast', '$2::text', 'a parameter with a cast'),
    placeholder('value', 'question', '?', 'a JDBC-style placeholder'),
    placeholder('value', 'named', ':name', 'a named placeholder'),
    placeholder('value', 'named-quote', "x' || :tenant || '", 'a named placeholder in a literal'),
    placeholder('value', 'at-name', '@p1', 'a SQL Server style parameter'),
    placeholder('value', 'printf', '%s', 'a printf directive'),
    placeholder('value', 'template', '${tenant}', 'a template-literal look-alike'),
  ]
}
