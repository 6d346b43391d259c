import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'

/** One character class member: a letter, digit, `_`, a range, `\d`, `\w`. */
const CLASS_ITEM = String.raw`(?:[A-Za-z0-9_](?:-[A-Za-z0-9_])?|\\d|\\w|\\\.|\.)`
const QUANTIFIER = String.raw`(?:[*+?]|\{\d+(?:,\d*)?\})?\??`
const ATOM = String.raw`(?:\[(?:${CLASS_ITEM})+\]|\\d|\\w|\\\.|[A-Za-z0-9_])`
const TOKEN = new RegExp(String.raw`^(?:${ATOM}${QUANTIFIER}|\(\?:|\(|\)${QUANTIFIER}|\|)`)

/**
 * Whether a regular expression literal only accepts identifier-like text:
 * anchored with `^` and `$`, no `m` flag, built from letters, digits, `_`
 * and `.` (as character classes, `\d`, `\w`, `\.`), with no alternation
 * outside a group. A string it matches cannot end a quoted identifier or
 * literal, open a comment or start another statement.
 */
export function isSafeIdentifierPattern(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Literal || !('regex' in node)) return false
  const { pattern, flags } = node.regex
  if (flags.includes('m') || !pattern.startsWith('^') || !pattern.endsWith('$')) {
    return false
  }
  let rest = pattern.slice(1, -1)
  if (rest.endsWith('\\')) return false
  let depth = 0
  while (rest.length > 0) {
    const match = TOKEN.exec(rest)
    if (match === null) return false
    const token = match[0]
    if (token.startsWith('(')) depth++
    if (token.startsWith(')')) depth--
    if (depth < 0 || (token === '|' && depth === 0)) return false
    rest = rest.slice(token.length)
  }
  return depth === 0
}
