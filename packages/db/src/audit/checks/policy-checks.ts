import { sql } from 'kysely'
import {
  createPolicyStatement,
  defaultPolicyName,
  dropPolicyStatement,
  tenantPredicate,
} from '../../rls/tenant-policy'
import type { AuditFinding } from '../audit-types'
import type { PolicyRow } from '../catalog/policies'
import type { TenantTableRow } from '../catalog/tenant-tables'
import {
  displayName,
  finding,
  memberNames,
  partitionNote,
  resolvedTable,
  type AuditContext,
} from './audit-context'
import { analysePolicyExpression } from './policy-expression'
import type { Statement } from '../../rls/run-statements'
import { quoteName, quoteQualified } from '../../rls/sql-names'

/**
 * Checks the policies that apply to the runtime role on each tenant
 * table: at least one permissive policy, each comparing the tenant column
 * with the setting, without a bypass, with an explicit WITH CHECK. A
 * tenant-scoped RESTRICTIVE policy for all commands guards the table on
 * its own, whatever the permissive policies say.
 */
export function checkPolicies(
  context: AuditContext,
  policies: readonly PolicyRow[],
): AuditFinding[] {
  const members = memberNames(context)
  const applies = (p: PolicyRow): boolean =>
    members.size === 0 || p.roles.some((r) => r === 'public' || members.has(r))
  return context.tables.flatMap((row) => {
    const all = policies.filter((p) => p.tableOid === row.oid)
    const names = new Set(all.map((p) => p.name))
    return checkTablePolicies(context, row, all.filter(applies), names)
  })
}

function checkTablePolicies(
  context: AuditContext,
  row: TenantTableRow,
  policies: readonly PolicyRow[],
  taken: ReadonlySet<string>,
): AuditFinding[] {
  const name = displayName(row)
  const table = resolvedTable(context, row)
  const fresh = freeName(defaultPolicyName(table), taken)
  const permissive = policies.filter((p) => p.permissive)
  if (permissive.length === 0) {
    return [finding('policy-missing', 'table', name,
      `No permissive policy on ${name} applies to role ${context.options.role}: it ` +
        `reads no rows and every write fails.${partitionNote(row)}`,
      (row.tenantAttnum === null ? `-- add ${table.column} to ${name} first\n` : '') +
        context.render(() => [createPolicyStatement(table, fresh)]),
      name)]
  }
  const guarded = policies.some((p) => !p.permissive && p.command === '*' && isSafe(context, p))
  if (guarded) return []

  const safe = permissive.filter((p) => isSafe(context, p))
  return permissive.flatMap((policy) => {
    const object = `${name}.${policy.name}`
    // Drop the weak policy; recreate it tenant-scoped unless a safe one remains.
    const replace = context.render(() => [
      dropPolicyStatement({ schema: row.schema, table: row.name, policyName: policy.name }),
      ...(safe.length > 0 ? [] : [createPolicyStatement(table, policy.name)]),
    ])
    const found: AuditFinding[] = []
    const analyses = expressions(policy).map((e) => analyse(context, e))
    if (analyses.some((a) => a.alwaysTrue || a.bypass)) {
      found.push(finding('policy-bypass', 'policy', object,
        `Policy ${policy.name} on ${name} is always true or ORs in a second way ` +
          '(OR, COALESCE, CASE) to see rows: permissive policies are OR-ed, so ' +
          'this opens the table to every tenant.',
        replace, name))
    } else if (analyses.some((a) => !a.tenantScoped)) {
      found.push(finding('policy-not-tenant-scoped', 'policy', object,
        `Policy ${policy.name} on ${name} does not compare ` +
          `${context.options.tenant.column} with current_setting('` +
          `${context.options.tenant.setting}'): permissive policies are OR-ed, ` +
          'so it lets rows of other tenants through.',
        replace, name))
    }
    const replaced = found.length > 0
    if (!replaced && ['*', 'a', 'w'].includes(policy.command) && policy.check === null) {
      // Quoted inside render: a name found in the catalogs may not be plain.
      const check = (): Statement[] => [sql`alter policy ${quoteName(policy.name)}
        on ${quoteQualified(row.schema, row.name)} with check (${tenantPredicate(table)})`]
      found.push(finding('policy-without-with-check', 'policy', object,
        `Policy ${policy.name} on ${name} has no WITH CHECK: which rows may be ` +
          'written is left to PostgreSQL defaults instead of the tenant predicate.',
        context.render(check), name))
    }
    return found
  })
}

// A name no policy on the table uses yet: the default, else numbered.
function freeName(base: string, taken: ReadonlySet<string>): string {
  let name = base
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 58)}_${n}`
  return name
}

function expressions(policy: PolicyRow): string[] {
  const list = [policy.using, policy.check]
  return list.filter((e): e is string => e !== null)
}

function analyse(context: AuditContext, expression: string) {
  const { column, setting } = context.options.tenant
  return analysePolicyExpression(expression, column, setting)
}

function isSafe(context: AuditContext, policy: PolicyRow): boolean {
  const list = expressions(policy)
  return list.length > 0 && list.every((e) => {
    const a = analyse(context, e)
    return a.tenantScoped && !a.bypass && !a.alwaysTrue
  })
}
