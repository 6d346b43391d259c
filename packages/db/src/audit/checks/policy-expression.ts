/** What the audit reads from one deparsed policy expression. */
export interface PolicyExpressionAnalysis {
  /** The expression is the constant `true`. */
  readonly alwaysTrue: boolean
  /** It contains OR, COALESCE or CASE: a way around the tenant match. */
  readonly bypass: boolean
  /** It reads the tenant setting and compares the tenant column with `=`. */
  readonly tenantScoped: boolean
}

const STRING_LITERAL = /'(?:[^']|'')*'/g
const QUOTED_IDENTIFIER = /"(?:[^"]|"")*"/g
// pg_get_expr prints keywords in upper case and identifiers in lower case.
const BYPASS = /\b(?:OR|COALESCE|CASE)\b/

/**
 * Reads a policy expression as `pg_get_expr` prints it. This is a textual
 * check of PostgreSQL's own deparsed form, not a SQL parser: it recognises
 * the shapes tenant policies take and flags everything else for review.
 */
export function analysePolicyExpression(
  expression: string,
  column: string,
  setting: string,
): PolicyExpressionAnalysis {
  const bare = expression.replace(STRING_LITERAL, "''").replace(QUOTED_IDENTIFIER, '""')
  const alwaysTrue = /^\(*\s*true\s*\)*$/.test(bare.trim())
  const bypass = BYPASS.test(bare)

  const readsSetting = new RegExp(
    `current_setting\\('${escapeRegExp(setting)}'(?:::text)?\\s*[,)]`,
  ).test(expression)
  const col = columnPattern(column)
  const comparesColumn = new RegExp(
    `(?:^|[^\\w"])${col}\\s*=(?!>)|=\\s*(?:ANY \\()?${col}(?:$|[^\\w"])`,
  ).test(expression)
  return { alwaysTrue, bypass, tenantScoped: readsSetting && comparesColumn }
}

// pg_get_expr quotes a column only when it must (upper case, keywords).
function columnPattern(column: string): string {
  const quoted = `"${column.replace(/"/g, '""')}"`
  return `(?:${escapeRegExp(column)}|${escapeRegExp(quoted)})`
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
