import type { InjectionPayload, PayloadCategory, PayloadTarget } from '../payload'

/** What the corpus needs to know about the app under test. */
export interface CorpusContext {
  /** Seconds each time-based payload sleeps. */
  readonly sleep: number
  /** The tenant setting, e.g. `app.tenant_id`, as a SQL string literal. */
  readonly settingLiteral: string
  /** Tables to aim data-extraction payloads at, as quoted identifiers. */
  readonly tables: readonly string[]
}

/** Makes one payload of a fixed category. */
export type PayloadMaker = (
  target: PayloadTarget,
  name: string,
  value: string,
  intent: string,
) => InjectionPayload

/** Builds payloads of one category with ids `<category>/<name>`. */
export function category(kind: PayloadCategory): PayloadMaker {
  return (
    target: PayloadTarget,
    name: string,
    value: string,
    intent: string,
  ): InjectionPayload => ({ id: `${kind}/${name}`, category: kind, target, value, intent })
}

/** A SQL string literal holding `text`, quotes doubled. */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

/** A SQL identifier for `name` (`schema.table` allowed), quotes doubled. */
export function identifier(name: string): string {
  return name.split('.').map((part) => `"${part.replaceAll('"', '""')}"`).join('.')
}
