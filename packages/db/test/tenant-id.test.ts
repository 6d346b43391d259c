import { describe, expect, test } from 'vitest'
import {
  assertTenantSettingName,
  InvalidTenantIdError,
  isTenantSettingName,
  normalizeTenantId,
} from '../src/core'

describe('normalizeTenantId', () => {
  test('UUIDs are accepted in any case and lower-cased', () => {
    expect(normalizeTenantId('3F2504E0-4F89-11D3-9A0C-0305E82C3301'))
      .toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301')
  })

  test.each([
    ['a number', 42],
    ['a short string', '42'],
    ['a UUID with a trailing newline', '3f2504e0-4f89-11d3-9a0c-0305e82c3301\n'],
    ['a UUID and SQL', "3f2504e0-4f89-11d3-9a0c-0305e82c3301' or '1'='1"],
    ['null', null],
    ['an object', { id: 1 }],
  ])('%s is not a UUID', (_label, value) => {
    expect(() => normalizeTenantId(value)).toThrow(InvalidTenantIdError)
  })

  test('the error describes the value without echoing it', () => {
    const secretish = 'tenant-acme-corp'
    let message = ''
    try {
      normalizeTenantId(secretish)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('a string of 16 characters')
    expect(message).not.toContain(secretish)
  })

  test('integer ids accept numbers, bigints and decimal strings', () => {
    expect(normalizeTenantId(7, 'integer')).toBe('7')
    expect(normalizeTenantId(9007199254740993n, 'integer')).toBe('9007199254740993')
    expect(normalizeTenantId('12', 'integer')).toBe('12')
    for (const bad of [0, -1, 1.5, '012', '1e3', 2n ** 63n, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => normalizeTenantId(bad, 'integer')).toThrow(/positive 64-bit integer/)
    }
  })

  test('text ids refuse empty, control characters and oversize values', () => {
    expect(normalizeTenantId('acme', 'text')).toBe('acme')
    for (const bad of ['', 'a\u0000b', 'x'.repeat(201)]) {
      expect(() => normalizeTenantId(bad, 'text')).toThrow(InvalidTenantIdError)
    }
  })

  test('a custom format decides, after the control-character check', () => {
    const ulid = {
      description: 'a ULID',
      test: (id: string) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id),
    }
    expect(normalizeTenantId('01ARZ3NDEKTSV4RRFFQ69G5FAV', ulid)).toBe('01ARZ3NDEKTSV4RRFFQ69G5FAV')
    expect(() => normalizeTenantId('01arz3', ulid)).toThrow(/expected a ULID/)
  })
})

test('tenant setting names need a prefix and plain identifiers', () => {
  expect(isTenantSettingName('app.tenant_id')).toBe(true)
  expect(isTenantSettingName('tenant_id')).toBe(false)
  expect(isTenantSettingName("app.x'; drop")).toBe(false)
  expect(() => assertTenantSettingName('App.Tenant', 'enableRls'))
    .toThrow(/enableRls: 1 invalid option/)
})
