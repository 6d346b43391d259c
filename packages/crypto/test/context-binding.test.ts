import { describe, expect, it } from 'vitest'
import {
  createFernet,
  createKeyRing,
  CryptoArgumentError,
  deriveContextKey,
  generateKey,
  InvalidTokenError,
  type EncryptionContext,
} from '../src/index'
import { b64, runPython, type PythonResult } from './support/python'

const newKey = generateKey()
const oldKey = generateKey()
const ring = createKeyRing([newKey, oldKey])
const here: EncryptionContext = {
  tenantId: '3f9a1c52-6f7e-4d0b-9a57-0c2b8e1d4f60',
  table: 'crm_connections',
  column: 'access_token',
}

describe('context binding', () => {
  it('derives the same key as Python cryptography HKDF', async () => {
    const contexts: EncryptionContext[] = [
      here,
      { ...here, column: 'refresh_token' },
      { tenantId: 'tenant-ü-✓', table: 'billing.accounts', column: 'iban' },
    ]
    for (const context of contexts) {
      const python = await runPython<string[]>({
        op: 'derive', keys: [], rawKeys: [newKey, oldKey], context,
      })
      expect([newKey, oldKey].map((k) => deriveContextKey(k, context))).toEqual(python)
    }
  })

  it('Python decrypts context-bound tokens with the documented derivation', async () => {
    const bound = ring.forContext(here)
    const tokens = ['a', 'ya29.token', 'x'.repeat(200)].map((p) => bound.encrypt(p))
    const python = await runPython<PythonResult<string>[]>({
      op: 'decrypt', keys: [newKey, oldKey], context: here, tokens,
    })
    expect(python.map((r) => r.ok && r.value)).toEqual(
      ['a', 'ya29.token', 'x'.repeat(200)].map((p) => b64(p)),
    )
  })

  it('decrypts context-bound tokens made in Python, under any ring key', async () => {
    const tokens = await runPython<string[]>({
      op: 'encrypt', keys: [oldKey], context: here, plaintexts: [b64('from py')],
    })
    expect(ring.forContext(here).decrypt(tokens[0]!)).toBe('from py')
    const rotated = ring.forContext(here).rotate(tokens[0]!)
    expect(ring.forContext(here).isCurrent(rotated)).toBe(true)
    expect(createFernet(deriveContextKey(newKey, here)).decrypt(rotated)).toBe('from py')
  })

  it('rejects a token moved to another tenant, table or column', () => {
    const token = ring.forContext(here).encrypt('bound')
    const elsewhere: EncryptionContext[] = [
      { ...here, tenantId: '0b5e2a10-0000-4000-8000-000000000001' },
      { ...here, table: 'crm_connections_archive' },
      { ...here, column: 'refresh_token' },
    ]
    for (const context of elsewhere) {
      expect(() => ring.forContext(context).decrypt(token)).toThrow(InvalidTokenError)
    }
    expect(() => ring.decrypt(token)).toThrow(InvalidTokenError)
    expect(() => ring.forContext(here).decrypt(ring.encrypt('free'))).toThrow(
      InvalidTokenError,
    )
  })

  it('keeps the parts apart: ("ab", "c") and ("a", "bc") differ', () => {
    const a = deriveContextKey(newKey, { tenantId: 't', table: 'ab', column: 'c' })
    const b = deriveContextKey(newKey, { tenantId: 't', table: 'a', column: 'bc' })
    expect(a).not.toBe(b)
  })

  it('caches one derived ring per context', () => {
    expect(ring.forContext({ ...here })).toBe(ring.forContext(here))
  })

  it('validates the context', () => {
    for (const bad of [
      { ...here, tenantId: '' },
      { ...here, table: 42 },
      { ...here, column: 'c'.repeat(256) },
      null,
    ]) {
      expect(() => ring.forContext(bad as never)).toThrow(CryptoArgumentError)
    }
    expect(() => ring.forContext(here).forContext(here)).toThrow(/already bound/)
  })
})
