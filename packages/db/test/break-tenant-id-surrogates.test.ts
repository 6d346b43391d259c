import { describe, expect, test } from 'vitest'
import { InvalidTenantIdError, normalizeTenantId } from '../src/core'

// Node encodes every lone surrogate as U+FFFD when it sends a string to
// PostgreSQL, so 'acme\uD800', 'acme\uDFFF' and 'acme\uFFFD' would all be
// the same tenant in the database while the filter plugin (which compares
// JavaScript strings) took them for three different ones.
describe('text tenant ids must survive the trip to PostgreSQL unchanged', () => {
  test.each([
    ['a lone high surrogate', 'acme\uD800'],
    ['a lone low surrogate', 'acme\uDFFF'],
    ['a low surrogate before a high one', '\uDC00\uD800'],
  ])('%s is refused', (_label, id) => {
    expect(() => normalizeTenantId(id, 'text')).toThrow(InvalidTenantIdError)
    const custom = { description: 'any text', test: () => true }
    expect(() => normalizeTenantId(id, custom)).toThrow(InvalidTenantIdError)
  })

  test('well-formed characters outside the BMP and U+FFFD itself are kept', () => {
    expect(normalizeTenantId('acme-\u{1F600}', 'text')).toBe('acme-\u{1F600}')
    expect(normalizeTenantId('acme\uFFFD', 'text')).toBe('acme\uFFFD')
  })
})
