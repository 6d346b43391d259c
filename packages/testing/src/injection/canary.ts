import { randomBytes } from 'node:crypto'
import { UsageError } from '../usage-error'

/**
 * A unique marker to seed into another tenant's rows. When it shows up in
 * what the attacking tenant gets back (results or error messages), a row
 * crossed tenants.
 *
 * @example
 * const canary = createCanary('tenant_b')
 * await seed(tenantB, { title: canary })
 */
export function createCanary(label = 'canary'): string {
  if (!/^[a-z0-9_]{1,20}$/.test(label)) {
    throw new UsageError('createCanary', 'label must be 1-20 of a-z, 0-9 and _',
      "pass a short label such as 'tenant_b'")
  }
  return `tk_canary_${label}_${randomBytes(6).toString('hex')}`
}

/** The first canary that appears in `text`, if any. */
export function findCanary(text: string, canaries: readonly string[]): string | undefined {
  return canaries.find((canary) => text.includes(canary))
}
