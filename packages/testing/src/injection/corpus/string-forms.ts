import type { InjectionPayload } from '../payload'
import { category, type CorpusContext } from './build'

const dollar = category('dollar-quote')
const escape = category('escape-string')
const lookAlike = category('unicode-quote')
const control = category('control-char')
const long = category('long-input')

/**
 * Payloads that play with how PostgreSQL spells strings: dollar quoting,
 * escape and Unicode-escape strings, look-alike quotes, control characters
 * and sheer length.
 */
export function stringForms(_: CorpusContext): InjectionPayload[] {
  return [
    dollar('value', 'close', '$$ OR 1=1 --', 'close a dollar-quoted literal'),
    dollar('value', 'tautology', "x' OR $$a$$=$$a$$ --", 'a tautology with no single quotes'),
    dollar('value', 'tagged', "x' OR $q$a$q$=$q$a$q$ --", 'tagged dollar quotes'),
    dollar('value', 'tag-close', '$body$; SELECT 1; --', 'close a tagged function body'),

    escape('value', 'backslash-quote', String.raw`\' OR 1=1 --`,
      'a backslash that escapes the closing quote in E strings'),
    escape('value', 'double-backslash', String.raw`\\' OR 1=1 --`,
      'an escaped backslash leaves the quote free'),
    escape('value', 'e-hex', String.raw`x' OR E'\x41'='A' --`, 'hex escapes in an E string'),
    escape('value', 'e-quote', String.raw`x' OR E'\x27'=chr(39) --`, 'a quote spelled as \\x27'),
    escape('value', 'u-amp', String.raw`x' OR U&'\0041'='A' --`, 'Unicode escape string'),
    escape('value', 'u-amp-uescape', String.raw`x' OR U&'!0041' UESCAPE '!'='A' --`,
      'Unicode escape string with its own escape character'),

    lookAlike('value', 'fullwidth', '\uFF07 OR 1=1 --',
      'fullwidth apostrophe, NFKC makes it a quote'),
    lookAlike('value', 'modifier', '\u02BC OR \u02BC1\u02BC=\u02BC1', 'modifier letter apostrophe'),
    lookAlike('value', 'curly', '\u2018 OR \u20181\u2019=\u20191', 'curly quotes'),
    lookAlike('value', 'prime', "x\u2032 OR 1=1 --", 'prime, a quote in some fonts and folds'),
    lookAlike('value', 'fullwidth-dash', "x' OR 1=1 \uFF0D\uFF0D",
      'fullwidth hyphens as a comment'),

    control('value', 'nul', "x\u0000' OR 'a'='a", 'NUL ends a C string early'),
    control('value', 'nul-only', '\u0000', 'NUL alone, invalid in PostgreSQL text'),
    control('value', 'newline', "x'\nOR 1=1 --", 'a newline between the quote and the rest'),
    control('value', 'crlf-comment', "x'--\r\nOR 'a'='a", 'a comment ended by CR LF'),
    control('value', 'backspace-tab', 'x\b\t\v\f', 'backspace, tab, vertical tab, form feed'),
    control('value', 'ctrl-z', 'x\u001a\u007f', 'substitute and delete characters'),
    control('value', 'zero-width', "x\u200B' OR 'a'='a", 'a zero-width space before the quote'),
    control('value', 'bom', '\uFEFFx', 'a byte-order mark'),
    control('value', 'line-separator', 'x\u2028y\u2029z', 'Unicode line and paragraph separators'),
    control('value', 'lone-surrogate', 'x\uD800y', 'a lone surrogate, not valid UTF-8'),

    long('value', 'letters-10k', 'a'.repeat(10_000), 'past any fixed-size buffer'),
    long('value', 'quotes-5k', "'".repeat(5_000), 'thousands of quotes to double'),
    long('value', 'letters-1m', 'a'.repeat(1_000_000), 'a megabyte of input'),
    long('value', 'tautology-padded', `${' '.repeat(20_000)}' OR 'a'='a`,
      'a tautology after a length check cut-off'),
    long('like-pattern', 'percent-10k', '%'.repeat(10_000), 'ten thousand wildcards'),
  ]
}
