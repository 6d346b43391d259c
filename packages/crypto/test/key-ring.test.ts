import { describe, expect, it } from 'vitest'
import {
  createFernet,
  createKeyRing,
  generateKey,
  InvalidTokenError,
} from '../src/index'

const newest = generateKey()
const older = generateKey()
const oldest = generateKey()

describe('key ring (MultiFernet semantics)', () => {
  const ring = createKeyRing(`${newest},${older},${oldest}`)

  it('encrypts with the first key only', () => {
    const token = ring.encrypt('secret')
    expect(createFernet(newest).decrypt(token)).toBe('secret')
    expect(() => createFernet(older).decrypt(token)).toThrow(InvalidTokenError)
    expect(ring.size).toBe(3)
  })

  it('decrypts tokens of every key in the ring', () => {
    for (const key of [newest, older, oldest]) {
      expect(ring.decrypt(createFernet(key).encrypt(`under ${key}`))).toBe(
        `under ${key}`,
      )
    }
  })

  it('rejects tokens of keys that left the ring', () => {
    const token = createFernet(oldest).encrypt('gone')
    expect(() => createKeyRing([newest, older]).decrypt(token)).toThrow(
      InvalidTokenError,
    )
  })

  it('rotates under the first key and keeps the original timestamp', () => {
    const made = 1_600_000_000
    const old = createFernet(oldest, { clock: () => made * 1000 }).encrypt('keep me')
    const rotated = ring.rotate(old)

    expect(rotated).not.toBe(old)
    expect(createFernet(newest).decrypt(rotated)).toBe('keep me')
    expect(createFernet(newest).extractTimestamp(rotated)).toBe(made)
    expect(ring.isCurrent(rotated)).toBe(true)
    expect(ring.isCurrent(old)).toBe(false)
  })

  it('refuses to rotate a token no key decrypts', () => {
    const foreign = createFernet(generateKey()).encrypt('x')
    expect(() => ring.rotate(foreign)).toThrow(InvalidTokenError)
    expect(() => ring.rotate('plaintext left over')).toThrow(InvalidTokenError)
  })

  it('applies the TTL whatever key decrypts', () => {
    const now = 1_700_000_000_000
    const late = createKeyRing([newest, older], { clock: () => now + 120_000 })
    const token = createFernet(older, { clock: () => now }).encrypt('x')
    expect(late.decrypt(token, { ttl: 120 })).toBe('x')
    expect(() => late.decrypt(token, { ttl: 119 })).toThrow(InvalidTokenError)
  })

  it('extracts timestamps under any key, after checking the MAC', () => {
    const token = createFernet(older, { clock: () => 5_000 }).encrypt('x')
    expect(ring.extractTimestamp(token)).toBe(5)
    const other = createFernet(generateKey()).encrypt('x')
    expect(() => ring.extractTimestamp(other)).toThrow(InvalidTokenError)
  })

  it('accepts the key list with spaces after the commas', () => {
    const spaced = createKeyRing(`${newest}, ${older}`)
    expect(spaced.decrypt(createFernet(older).encrypt('x'))).toBe('x')
  })
})
