import type { AuditFinding } from '../audit-types'
import type { DefinerFunctionRow } from '../catalog/functions'
import type { TenantTableRow } from '../catalog/tenant-tables'
import { displayName, finding, type AuditContext } from './audit-context'

/**
 * Checks SECURITY DEFINER functions: one that touches a tenant table runs
 * with its owner's rights (usually exempt from the policies), wherever it
 * lives, and one of the audited schemas without a pinned `search_path` can
 * be made to call an attacker's objects. "Touches" means a recorded dependency (SQL-standard bodies) or
 * the table's name appearing as a word in the body.
 */
export function checkFunctions(
  context: AuditContext,
  functions: readonly DefinerFunctionRow[],
): AuditFinding[] {
  const matchers = context.tables.map((t) => ({ table: t, pattern: namePattern(t) }))
  const found: AuditFinding[] = []
  for (const fn of functions) {
    const touched = touchedTable(fn, context, matchers)
    if (touched !== undefined) {
      const table = displayName(touched)
      found.push(finding('security-definer-function', 'function', fn.object,
        `Function ${fn.object} is SECURITY DEFINER and touches tenant table ` +
          `${table}: it runs with its owner's rights, which usually skip the ` +
          'tenant policies.',
        fn.fixInvoker, table))
    }
    // Pinning search_path is asked only of the schemas under audit.
    if (fn.audited && !fn.fixedSearchPath) {
      found.push(finding('function-mutable-search-path', 'function', fn.object,
        `Function ${fn.object} is SECURITY DEFINER without a fixed search_path: ` +
          'a caller can put its own functions or tables ahead of the ones it ' +
          'means. Schema-qualify the names in its body before pinning it.',
        fn.fixSearchPath))
    }
  }
  return found
}

interface Matcher {
  readonly table: TenantTableRow
  readonly pattern: RegExp
}

function touchedTable(
  fn: DefinerFunctionRow,
  context: AuditContext,
  matchers: readonly Matcher[],
): TenantTableRow | undefined {
  for (const ref of fn.refs) {
    const table = context.byOid.get(ref)
    if (table !== undefined) return table
  }
  if (fn.source === null || fn.language === 'c' || fn.language === 'internal') return undefined
  return matchers.find((m) => m.pattern.test(fn.source ?? ''))?.table
}

// The name as a whole word, bare or quoted, case-insensitive like SQL.
function namePattern(table: TenantTableRow): RegExp {
  const name = table.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?:^|[^\\w$])"?${name}"?(?:$|[^\\w$])`, 'i')
}
