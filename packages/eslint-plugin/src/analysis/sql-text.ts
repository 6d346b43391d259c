/**
 * Plain-text helpers over SQL. They read SQL the way a reviewer skims it,
 * not the way PostgreSQL parses it: good enough to spot a statement shape,
 * never used to decide that something is safe.
 */

const SQL_WORDS = new RegExp(
  String.raw`\b(?:select|insert|update|delete|from|where|values|into|set|` +
    String.raw`order\s+by|group\s+by|limit|offset|join|returning|having|` +
    String.raw`union|create|alter|drop|grant|revoke|truncate|database|table|` +
    String.raw`schema|policy|role|begin|commit|rollback|with|and|or|in|like|` +
    String.raw`ilike|is|not|null|on\s+conflict|listen|notify|copy|call|do|` +
    String.raw`execute|prepare|declare|fetch|analyze|vacuum|lock|asc|desc)\b`,
  'i',
)

/** Whether text spliced into a query reads like SQL. */
export function looksLikeSql(text: string): boolean {
  return SQL_WORDS.test(text)
}

const STATEMENT_START =
  /^\s*(?:\(\s*)?(?:select|set|with|begin|start|do|update|insert|delete|call|reset|perform)\b/i

/** Whether a string starts like a SQL statement (used for bare strings). */
export function startsLikeStatement(text: string): boolean {
  return STATEMENT_START.test(text)
}

// `SET [SESSION] name = ...` or `... TO ...`; the `=`/`TO` tells SQL from prose.
const SESSION_SET =
  /^\s*set\s+(?:session\s+)?(?!local\b|session\b)"?([\w.$]+)"?\s*(?:=|to\b)/i

/** Setting names given to `SET [SESSION] name` (not `SET LOCAL`). */
export function sessionSets(text: string): string[] {
  const names: string[] = []
  for (const statement of text.split(';')) {
    const match = SESSION_SET.exec(statement)
    if (match?.[1] !== undefined) names.push(match[1])
  }
  return names
}

/** The top-level argument texts of every `set_config(...)` call. */
export function setConfigCalls(text: string): string[][] {
  const calls: string[][] = []
  const pattern = /\bset_config\s*\(/gi
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const args = splitArguments(text, match.index + match[0].length)
    if (args !== undefined) calls.push(args)
  }
  return calls
}

/** Splits `a, f(b, c), 'd,e')` at top-level commas, up to the closing paren. */
function splitArguments(text: string, start: number): string[] | undefined {
  const args: string[] = []
  let depth = 0
  let quote: string | undefined
  let current = ''
  for (let i = start; i < text.length; i++) {
    const char = text[i] as string
    if (quote !== undefined) {
      if (char === quote) quote = undefined
    } else if (char === "'" || char === '"') {
      quote = char
    } else if (char === '(') {
      depth++
    } else if (char === ')') {
      if (depth === 0) {
        args.push(current.trim())
        return args
      }
      depth--
    } else if (char === ',' && depth === 0) {
      args.push(current.trim())
      current = ''
      continue
    }
    current += char
  }
  return undefined
}

/** A quoted SQL string literal's content, e.g. `'app.x'` gives `app.x`. */
export function unquote(text: string): string | undefined {
  const match = /^'((?:[^']|'')*)'(?:::\w+)?$/.exec(text.trim())
  return match?.[1]?.replaceAll("''", "'")
}

/** Where a placeholder sits in a LIKE pattern: as the pattern, or spliced into one. */
export type LikeUse = 'pattern' | 'spliced'

const LIKE = String.raw`\b(?:i?like|similar\s+to)\s+`
const SPLICE = String.raw`(?:(?:'[^']*'|\w+(?:\.\w+)?)\s*\|\|\s*)+|concat\s*\((?:[^()]*,\s*)?`

/**
 * How SQL text around a value uses it: `... LIKE ` makes it
 * the pattern; `... LIKE '%' || ` or `... LIKE concat('%', ` splices it
 * into one.
 */
export function likeUse(before: string, after: string): LikeUse | undefined {
  const tail = before.slice(-240)
  if (PATTERN_END.test(tail)) return /^\s*(?:\|\||::\w+\s*\|\|)/.test(after) ? 'spliced' : 'pattern'
  return SPLICE_END.test(tail) ? 'spliced' : undefined
}

const PATTERN_END = new RegExp(`${LIKE}$`, 'i')
const SPLICE_END = new RegExp(`${LIKE}(?:${SPLICE})$`, 'i')

/** `$n` placeholders used in LIKE patterns, with how each is used. */
export function likePlaceholders(text: string): Map<number, LikeUse> {
  const found = new Map<number, LikeUse>()
  const pattern = /\$(\d+)/g
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const end = match.index + match[0].length
    const use = likeUse(text.slice(0, match.index), text.slice(end))
    if (use !== undefined) found.set(Number(match[1]), use)
  }
  return found
}
