import { isQueryable, type Queryable } from '../queryable'
import { UsageError } from '../usage-error'
import { checkFingerprintOptions, type FingerprintOptions } from './catalog-fingerprint'
import type { InjectionCall, Outcome } from './outcome'
import { PAYLOAD_TARGETS, type InjectionPayload, type PayloadTarget } from './payload'

/** Context handed to `accept`. */
export interface AcceptContext<R> {
  /** What the benign input got. */
  readonly baseline: Outcome<R>
  readonly payload: InjectionPayload
}

export interface InjectionSuiteOptions<R> {
  /** Names the code under test in the report, e.g. `'GET /notes'`. */
  readonly name: string
  /**
   * Calls the code under test with one input, as the attacking tenant.
   * @example (input) => notes.searchByTitle(tenantA, input)
   */
  readonly call: InjectionCall<R>
  /**
   * An ordinary input that matches one or a few rows of the attacking
   * tenant, so a payload that returns more stands out.
   */
  readonly benign: string
  /**
   * Where the input lands in the query; picks payloads from the corpus.
   * @default ['value']
   */
  readonly targets?: readonly PayloadTarget[]
  /**
   * Payloads to send instead of the corpus picked by `targets`.
   * @default injectionPayloads({ targets, tenantSetting, tables })
   */
  readonly payloads?: readonly InjectionPayload[]
  /**
   * Markers seeded into other tenants' rows (see `createCanary`).
   * @default [] (canary oracle off)
   */
  readonly canaries?: readonly string[]
  /**
   * A connection to the same database for the schema oracle (its owner or
   * a superuser), or `{ db, roles, appRoles }`. Role changes count by the
   * `'payload'` rule unless `roles` says otherwise (see
   * `FingerprintOptions`): other suites may create roles meanwhile.
   * @default undefined (schema oracle off)
   * @example { db: ownerPool, appRoles: ['app_owner'] }
   */
  readonly catalog?: Queryable | ({ readonly db: Queryable } & FingerprintOptions)
  /**
   * Reads the session state of the app's connection after each call (see
   * `createSessionProbe`).
   * @default undefined (session oracle off)
   */
  readonly session?: () => Promise<unknown>
  /**
   * How much slower than the benign calls a call may be.
   * @default 1500
   */
  readonly slowMs?: number
  /**
   * How long one call may take before it counts as hung.
   * @default 10000
   */
  readonly timeoutMs?: number
  /**
   * Declares a difference from the baseline acceptable (true) or not
   * (false); undefined leaves it to the default rule.
   * @default undefined
   * @example (outcome) => outcome.kind === 'error' && outcome.error instanceof ValidationError
   */
  readonly accept?: (outcome: Outcome<R>, context: AcceptContext<R>) => boolean | undefined
  /**
   * Tenant setting for the corpus's tenant-tampering payloads.
   * @default 'app.tenant_id'
   */
  readonly tenantSetting?: string
  /**
   * Tenant tables the corpus aims data-extraction payloads at.
   * @default []
   */
  readonly tables?: readonly string[]
}

/** Throws a `UsageError` naming the first unusable option. */
export function checkSuiteOptions(options: InjectionSuiteOptions<unknown>): void {
  const fail = (problem: string, fix: string): never => {
    throw new UsageError('runInjectionSuite', problem, fix)
  }
  if (typeof options !== 'object' || options === null) {
    fail('options are missing', 'pass { name, call, benign }')
  }
  if (typeof options.name !== 'string' || options.name.trim() === '') {
    fail('name is empty', "name the code under test, e.g. 'GET /notes'")
  }
  if (typeof options.call !== 'function') {
    fail('call is not a function', 'pass call: (input) => repository.find(input)')
  }
  if (typeof options.benign !== 'string') {
    fail('benign is not a string', 'pass an ordinary input that matches a row')
  }
  const bad = options.targets?.find((t) => !PAYLOAD_TARGETS.includes(t))
  if (bad !== undefined) {
    fail(`unknown target ${JSON.stringify(bad)}`, `use ${PAYLOAD_TARGETS.join(', ')}`)
  }
  if (options.payloads !== undefined && options.payloads.length === 0) {
    fail('payloads is empty', 'leave it out to use the corpus, or pass at least one')
  }
  if (options.canaries?.some((c) => typeof c !== 'string' || c.length < 8)) {
    fail('a canary is shorter than 8 characters', 'use createCanary() so markers are unique')
  }
  const catalog = options.catalog
  if (catalog !== undefined && !isQueryable(catalog)) {
    if (!isQueryable(catalog?.db)) {
      fail('catalog has no query method', 'pass a pg.Pool or { db: pool, appRoles }')
    }
    checkFingerprintOptions('runInjectionSuite: catalog', catalog)
  }
  if (options.session !== undefined && typeof options.session !== 'function') {
    fail('session is not a function', 'pass createSessionProbe(pool)')
  }
  const slowMs = options.slowMs ?? 1500
  const timeoutMs = options.timeoutMs ?? 10_000
  if (!(slowMs > 0) || !(timeoutMs > slowMs)) {
    fail('slowMs must be positive and below timeoutMs', 'e.g. slowMs: 1500, timeoutMs: 10000')
  }
  if (options.payloads === undefined && slowMs >= 2000) {
    // The built-in corpus sleeps 2 s: a higher threshold would never see it.
    fail('slowMs is not below the corpus sleep of 2000 ms',
      'lower slowMs, or pass payloads: injectionPayloads({ sleepSeconds: 5 })')
  }
}
