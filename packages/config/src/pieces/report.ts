import type { $RefinementCtx } from 'zod/v4/core'

/**
 * Records why a raw value was rejected. `expected` and `fix` describe a
 * valid value; they must never quote the value itself.
 */
export function report(
  ctx: $RefinementCtx,
  expected: string,
  fix?: string,
): void {
  ctx.addIssue({
    code: 'custom',
    message: expected,
    ...(fix === undefined ? {} : { params: { fix } }),
  })
}

/** Rejects strings that are not plain ASCII digits: no sign, dot or space. */
export function parseDigits(raw: string): number | undefined {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined
}
