import type { InjectionPayload, PayloadCategory, PayloadTarget } from '../payload'
import { UsageError } from '../../usage-error'
import { identifier, literal, type CorpusContext } from './build'
import { numbersAndPlaceholders } from './numbers-and-placeholders'
import { quoteBreaking } from './quote-breaking'
import { stringForms } from './string-forms'
import { structure } from './structure'
import { tenantTampering } from './tenant'
import { timingAndErrors } from './timing-and-errors'

export interface PayloadOptions {
  /**
   * Keep payloads aimed at these places only.
   * @default every target
   */
  readonly targets?: readonly PayloadTarget[]
  /**
   * Keep payloads of these categories only.
   * @default every category
   */
  readonly categories?: readonly PayloadCategory[]
  /**
   * Seconds each time-based payload sleeps; keep it above the harness's
   * `slowMs` threshold.
   * @default 2
   */
  readonly sleepSeconds?: number
  /**
   * The setting that holds the tenant, for tenant-tampering payloads.
   * @default 'app.tenant_id'
   */
  readonly tenantSetting?: string
  /**
   * Tenant tables to aim data-extraction payloads at, e.g. `['notes']`.
   * @default []
   */
  readonly tables?: readonly string[]
}

const TABLE = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/
const SETTING = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/

/**
 * The PostgreSQL injection corpus, each payload tagged with its category
 * and the place in a query it targets.
 *
 * @example
 * const likePayloads = injectionPayloads({ targets: ['like-pattern'] })
 */
export function injectionPayloads(options: PayloadOptions = {}): InjectionPayload[] {
  const sleep = options.sleepSeconds ?? 2
  const setting = options.tenantSetting ?? 'app.tenant_id'
  if (!(sleep > 0 && sleep <= 30)) {
    throw new UsageError('injectionPayloads', 'sleepSeconds must be between 0 and 30',
      'pass a small number such as 2, above your slowMs threshold')
  }
  if (!SETTING.test(setting)) {
    throw new UsageError('injectionPayloads', 'tenantSetting is not a custom setting name',
      "pass a dotted lower-case name such as 'app.tenant_id'")
  }
  const tables = options.tables ?? []
  const badTable = tables.find((t) => !TABLE.test(t))
  if (badTable !== undefined) {
    throw new UsageError('injectionPayloads',
      `table ${JSON.stringify(badTable)} is not a plain name`,
      "pass names such as 'notes' or 'public.notes'")
  }
  const context: CorpusContext = {
    sleep,
    settingLiteral: literal(setting),
    tables: tables.map(identifier),
  }
  const all = [
    ...quoteBreaking(context),
    ...timingAndErrors(context),
    ...stringForms(context),
    ...structure(context),
    ...numbersAndPlaceholders(context),
    ...tenantTampering(context),
  ]
  return all.filter((p) =>
    (options.targets === undefined || options.targets.includes(p.target)) &&
    (options.categories === undefined || options.categories.includes(p.category)))
}
