import { describe, expect, it } from 'vitest'
import {
  createFernet,
  CryptoArgumentError,
  generateKey,
  InvalidTokenError,
  MAX_CLOCK_SKEW,
} from '../src/index'
import { runPython, type PythonResult } from './support/python'

const key = generateKey()
const made = 1_700_000_000
const token = createFernet(key, { clock: () => made * 1000 }).encrypt('x')

function acceptsAt(now: number, ttl: number | undefined): boolean {
  const fernet = createFernet(key, { clock: () => now * 1000 })
  try {
    fernet.decrypt(token, ttl === undefined ? {} : { ttl })
    return true
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError)
    return false
  }
}

describe('TTL and clock skew', () => {
  it('accepts up to and including made + ttl, rejects after', () => {
    expect(acceptsAt(made + 30, 30)).toBe(true)
    expect(acceptsAt(made + 31, 30)).toBe(false)
  })

  it('allows tokens stamped up to 60 s in the future when a TTL is set', () => {
    expect(MAX_CLOCK_SKEW).toBe(60)
    expect(acceptsAt(made - 60, 30)).toBe(true)
    expect(acceptsAt(made - 61, 30)).toBe(false)
  })

  it('checks neither age nor skew without a TTL, as the reference', () => {
    expect(acceptsAt(made + 10 ** 6, undefined)).toBe(true)
    expect(acceptsAt(made - 10 ** 6, undefined)).toBe(true)
  })

  it('uses the clock of encrypt for the token timestamp', () => {
    const fernet = createFernet(key, { clock: () => made * 1000 + 999 })
    expect(fernet.extractTimestamp(fernet.encrypt('y'))).toBe(made)
  })

  it('agrees with Python decrypt_at_time around every boundary', async () => {
    const cases = [-61, -60, -1, 0, 29, 30, 31].map((d) => made + d)
    const python = await Promise.all(
      cases.map((now) =>
        runPython<PythonResult<string>[]>({
          op: 'decrypt', keys: [key], tokens: [token], ttl: 30, now,
        }),
      ),
    )
    expect(cases.map((now) => acceptsAt(now, 30))).toEqual(
      python.map(([r]) => r!.ok),
    )
  })

  it('rejects a ttl that is not a whole number of seconds', () => {
    const fernet = createFernet(key)
    for (const ttl of [-1, 1.5, Number.NaN, '60']) {
      expect(() => fernet.decrypt(token, { ttl } as never)).toThrow(
        CryptoArgumentError,
      )
    }
  })

  it('rejects a clock that does not return a time', () => {
    const fernet = createFernet(key, { clock: () => Number.NaN })
    expect(() => fernet.encrypt('x')).toThrow(/clock returned NaN/)
  })
})
