import { isQueryable } from '../queryable'
import { UsageError } from '../usage-error'
import { injectionPayloads } from './corpus/index'
import { checkSuiteOptions, type InjectionSuiteOptions } from './injection-options'
import {
  InjectionSuiteError,
  type InjectionFinding,
  type InjectionReport,
} from './injection-report'
import {
  checkBaseline,
  checkCanary,
  checkSqlError,
  checkTiming,
} from './oracles'
import { observe, type Outcome } from './outcome'
import type { InjectionPayload } from './payload'
import { startSchemaOracle, type CatalogTarget } from './schema-oracle'
import { findDatabaseError } from './sqlstate'

/**
 * Runs the code under test once with a benign input, then once per payload,
 * and checks every oracle after each call: canaries of other tenants,
 * SQLSTATE class 42 errors, schema changes, timing, the session state of
 * the app's connection, and differences from the benign result. Resolves
 * with the report when nothing trips; throws an `InjectionSuiteError`
 * naming each payload and oracle otherwise.
 *
 * @example
 * await runInjectionSuite({
 *   name: 'notes.searchByTitle',
 *   call: (input) => notes.searchByTitle(tenantA, input),
 *   benign: 'groceries',
 *   canaries: [canaryOfTenantB],
 *   catalog: adminPool,
 *   session: createSessionProbe(appPool),
 * })
 */
export async function runInjectionSuite<R>(
  options: InjectionSuiteOptions<R>,
): Promise<InjectionReport> {
  checkSuiteOptions(options as InjectionSuiteOptions<unknown>)
  const slowMs = options.slowMs ?? 1500
  const timeoutMs = options.timeoutMs ?? 10_000
  const canaries = options.canaries ?? []
  const payloads = options.payloads ?? injectionPayloads({
    targets: options.targets ?? ['value'],
    ...(options.tenantSetting === undefined ? {} : { tenantSetting: options.tenantSetting }),
    ...(options.tables === undefined ? {} : { tables: options.tables }),
  })
  const catalog = catalogOf(options.catalog)

  const baseline = await runBaseline(options, timeoutMs, canaries)
  const firstSession: unknown = options.session && await options.session()
  let session = options.session && JSON.stringify(firstSession)
  const schema = catalog && await startSchemaOracle(catalog, firstSession, payloads)
  const findings: InjectionFinding[] = []

  for (const payload of payloads) {
    const found = (oracle: InjectionFinding['oracle'], detail: string | undefined): void => {
      if (detail !== undefined) findings.push({ payload, oracle, detail })
    }
    const before = findings.length
    const outcome = await observe(options.call, payload.value, payload, timeoutMs)
    found('canary', checkCanary(outcome, canaries))
    found('sql-error', checkSqlError(outcome, payload))

    if (options.session) {
      const now = await probe(options.session)
      if (now !== session) found('session', describeChange(session, now))
      session = now
    }
    if (schema) found('schema', await schema.check())
    found('baseline', judgeBaseline(options, outcome, baseline.outcome, payload))

    let slow = checkTiming(outcome, baseline.ms, slowMs)
    if (slow !== undefined && findings.length === before && outcome.kind !== 'timeout') {
      // A busy machine can stall one call; a payload that sleeps is slow twice.
      const again = await observe(options.call, payload.value, payload, timeoutMs)
      slow = checkTiming(again, baseline.ms, slowMs) && slow
    }
    found('timing', slow)
  }

  const report: InjectionReport = {
    name: options.name, payloads: payloads.length, baselineMs: baseline.ms, findings,
  }
  if (findings.length > 0) throw new InjectionSuiteError(report)
  return report
}

function catalogOf(catalog: InjectionSuiteOptions<unknown>['catalog']): CatalogTarget | undefined {
  if (catalog === undefined) return undefined
  return isQueryable(catalog) ? { db: catalog } : catalog
}

async function probe(session: () => Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await session())
  } catch (error) {
    return `probe failed: ${error instanceof Error ? error.message : String(error)}`
  }
}

function judgeBaseline<R>(
  options: InjectionSuiteOptions<R>,
  outcome: Outcome<R>,
  baseline: Outcome<R>,
  payload: InjectionPayload,
): string | undefined {
  const verdict = options.accept?.(outcome, { baseline, payload })
  if (verdict === true) return undefined
  const rule = checkBaseline(outcome, baseline)
  if (verdict === false) return rule ?? 'declared unacceptable by accept()'
  return rule
}

/** Calls the benign input three times: the last outcome, the median time. */
async function runBaseline<R>(
  options: InjectionSuiteOptions<R>,
  timeoutMs: number,
  canaries: readonly string[],
): Promise<{ outcome: Outcome<R>; ms: number }> {
  const runs: Outcome<R>[] = []
  for (let i = 0; i < 3; i++) {
    runs.push(await observe(options.call, options.benign, undefined, timeoutMs))
  }
  const last = runs[2] as Outcome<R>
  const broken = (problem: string, fix: string): never => {
    throw new UsageError('runInjectionSuite', `the benign input ${problem}`, fix)
  }
  if (last.kind === 'timeout') {
    broken(`took over ${timeoutMs} ms`, 'raise timeoutMs or fix the call')
  }
  const code = last.kind === 'error' ? findDatabaseError(last.error)?.code : undefined
  if (code?.startsWith('42')) {
    broken(`fails with SQLSTATE ${code}`, 'make the call work for an ordinary input first')
  }
  if (checkCanary(last, canaries) !== undefined) {
    broken('already returns a canary', 'seed canaries only into the other tenant\'s rows')
  }
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b)
  return { outcome: last, ms: sorted[1] ?? 0 }
}

/** Only the keys that changed, e.g. `app.tenant_id: null -> "0000..."`. */
function describeChange(before: string | undefined, after: string): string {
  const parse = (text: string | undefined): Record<string, unknown> | undefined => {
    try {
      const value: unknown = JSON.parse(text ?? '')
      if (typeof value !== 'object' || value === null) return undefined
      return value as Record<string, unknown>
    } catch {
      return undefined
    }
  }
  const old = parse(before)
  const now = parse(after)
  if (old === undefined || now === undefined) return `the probe read ${after} (was ${before})`
  const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])]
  const changed = keys.filter((k) => JSON.stringify(old[k]) !== JSON.stringify(now[k]))
  return 'the connection was left changed: ' + changed
    .map((k) => `${k} ${JSON.stringify(old[k] ?? null)} -> ${JSON.stringify(now[k] ?? null)}`)
    .join(', ')
}
