import type { $ZodType } from 'zod/v4/core'
import { createEntry, type ConfigEntry } from '../entry'

/** How a ready-made piece parses and explains its variable. */
export interface PieceSpec {
  readonly schema: $ZodType
  readonly expected: string
  readonly fix?: string
  readonly productionCheck?: (raw: string) => string | undefined
}

/** Builds the entry of a ready-made piece: required everywhere. */
export function piece<T, S extends boolean>(
  secret: S,
  spec: PieceSpec,
): ConfigEntry<T, S> {
  return createEntry<T, S>({
    schema: spec.schema,
    secret,
    presence: { kind: 'required' },
    expected: spec.expected,
    fix: spec.fix,
    productionCheck: spec.productionCheck,
  })
}
