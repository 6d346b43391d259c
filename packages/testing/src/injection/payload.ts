/** What kind of attack a payload tries. */
export type PayloadCategory =
  | 'tautology'
  | 'comment'
  | 'union'
  | 'stacked'
  | 'time'
  | 'error'
  | 'cast'
  | 'dollar-quote'
  | 'escape-string'
  | 'like-wildcard'
  | 'order-by'
  | 'identifier'
  | 'json'
  | 'array'
  | 'unicode-quote'
  | 'control-char'
  | 'long-input'
  | 'numeric'
  | 'placeholder'
  | 'tenant-tampering'

/**
 * Where in a query the input lands: a value (`where name = <input>`), an
 * identifier (`order by <input>`), a LIKE pattern, an ORDER BY direction,
 * or a key of a JSON path (`data ->> <input>`).
 */
export type PayloadTarget =
  | 'value'
  | 'identifier'
  | 'like-pattern'
  | 'order-direction'
  | 'json-key'

/** Every category, in the order the README's table lists them. */
export const PAYLOAD_CATEGORIES: readonly PayloadCategory[] = [
  'tautology', 'comment', 'union', 'stacked', 'time', 'error', 'cast',
  'dollar-quote', 'escape-string', 'like-wildcard', 'order-by', 'identifier',
  'json', 'array', 'unicode-quote', 'control-char', 'long-input', 'numeric',
  'placeholder', 'tenant-tampering',
]

/** Every target place. */
export const PAYLOAD_TARGETS: readonly PayloadTarget[] = [
  'value', 'identifier', 'like-pattern', 'order-direction', 'json-key',
]

/** One hostile input and what it is for. */
export interface InjectionPayload {
  /** Stable, unique name such as `tautology/or-string`. */
  readonly id: string
  readonly category: PayloadCategory
  readonly target: PayloadTarget
  /** The input to hand to the code under test. */
  readonly value: string
  /** What a vulnerable query would do with it, for the report. */
  readonly intent: string
}
