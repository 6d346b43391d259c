import { sql, type RawBuilder } from 'kysely'
import type { AuditFinding } from '../audit-types'
import type { ViewRow } from '../catalog/views'
import { displayName, finding, type AuditContext } from './audit-context'
import { quoteName, quoteQualified } from '../../rls/sql-names'

/**
 * Checks views and materialized views that read tenant tables, directly
 * or through other views. A view runs with its owner's rights unless it is
 * `security_invoker` (PostgreSQL 15+), so the owner's exemption from the
 * policies leaks to everyone who can select from it. A materialized view
 * stores a copy of the rows, out of reach of any policy.
 */
export function checkViews(context: AuditContext, views: readonly ViewRow[]): AuditFinding[] {
  const reaches = tenantReach(context, views)
  const { role } = context.options
  const found: AuditFinding[] = []
  for (const view of views) {
    const table = reaches.get(view.oid)
    if (table === undefined) continue
    const name = displayName(view)
    // Quoted inside render: a name found in the catalogs may not be plain.
    const id = (): RawBuilder<unknown> => quoteQualified(view.schema, view.name)
    if (view.kind === 'v' && !view.securityInvoker) {
      found.push(finding('view-not-security-invoker', 'view', name,
        `View ${name} reads tenant table ${table} with the rights of its owner: ` +
          "if the owner skips the policies, every caller sees all tenants' rows.",
        context.render(() => [sql`alter view ${id()} set (security_invoker = true)`]), table))
    }
    if (view.kind === 'm' && view.readable) {
      found.push(finding('materialized-view-over-tenant-table', 'view', name,
        `Materialized view ${name} copies rows of tenant table ${table}; no ` +
          `policy applies to the copy and ${role} can read it. Keep it from ` +
          'the app, or replace it with a security_invoker view.',
        context.render(() => [sql`revoke all on table ${id()} from ${quoteName(role)}, public`]),
        table))
    }
  }
  return found
}

/** Maps each view that reaches a tenant table to one such table. */
function tenantReach(
  context: AuditContext,
  views: readonly ViewRow[],
): Map<string, string> {
  const reach = new Map<string, string>()
  for (const t of context.tables) reach.set(t.oid, displayName(t))
  let changed = true
  while (changed) {
    changed = false
    for (const view of views) {
      if (reach.has(view.oid)) continue
      const hit = view.refs.find((ref) => reach.has(ref))
      if (hit === undefined) continue
      reach.set(view.oid, reach.get(hit) ?? '')
      changed = true
    }
  }
  for (const t of context.tables) reach.delete(t.oid)
  return reach
}
