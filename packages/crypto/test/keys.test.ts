import { describe, expect, it } from 'vitest'
import {
  createFernet,
  createKeyRing,
  CryptoArgumentError,
  generateKey,
  InvalidKeyError,
} from '../src/index'
import { runPython, type PythonResult, b64, unb64 } from './support/python'

/** Asserts an InvalidKeyError whose text holds no 6-char run of the key. */
function expectKeyError(make: () => unknown, secret: string, pattern: RegExp) {
  let thrown: unknown
  try {
    make()
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(InvalidKeyError)
  const text = `${(thrown as Error).message} ${JSON.stringify(thrown)}`
  expect(text).toMatch(pattern)
  for (let i = 0; i + 6 <= secret.length; i++) {
    expect(text).not.toContain(secret.slice(i, i + 6))
  }
}

describe('generateKey', () => {
  it('makes 44-character url-safe keys of 32 random bytes', () => {
    const keys = new Set(Array.from({ length: 50 }, generateKey))
    expect(keys.size).toBe(50)
    for (const key of keys) {
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}=$/)
      expect(Buffer.from(key, 'base64url')).toHaveLength(32)
    }
  })

  it('makes keys Python accepts, and accepts keys Python makes', async () => {
    const ours = generateKey()
    const [token] = await runPython<string[]>({
      op: 'encrypt', keys: [ours], plaintexts: [b64('from python')],
    })
    expect(createFernet(ours).decrypt(token!)).toBe('from python')

    const [theirs] = await runPython<string[]>({ op: 'generate', keys: [ours], count: 1 })
    const made = createFernet(theirs!).encrypt('from node')
    const [result] = await runPython<PythonResult<string>[]>({
      op: 'decrypt', keys: [theirs!], tokens: [made],
    })
    expect(result!.ok && unb64(result!.value)).toBe('from node')
  })
})

describe('key validation', () => {
  const good = generateKey()

  it('accepts the key with whitespace around it, or as its 32 bytes', () => {
    const token = createFernet(good).encrypt('x')
    for (const variant of [`  ${good}\n`, Buffer.from(good, 'base64url')]) {
      expect(createFernet(variant).decrypt(token)).toBe('x')
    }
  })

  it('refuses the key without its "=", as Python does', () => {
    const unpadded = good.slice(0, -1)
    expectKeyError(() => createFernet(unpadded), unpadded, /ends without its "=" padding/)
  })

  it('rejects short, long and non-base64 keys without echoing them', () => {
    const short = good.slice(0, 30)
    expectKeyError(() => createFernet(short), short, /has 30 base64 characters; a Fernet key has 43/)
    const long = `${good.slice(0, -1)}AAAA=`
    expectKeyError(() => createFernet(long), long, /has 47 base64 characters/)
    const odd = `${good.slice(0, 20)}!${good.slice(21)}`
    expectKeyError(() => createFernet(odd), odd, /position 21 holds a character that is not base64/)
    expectKeyError(() => createFernet(''), 'x', /is empty/)
    expectKeyError(() => createFernet(new Uint8Array(16)), 'x', /16 raw bytes/)
    expectKeyError(() => createFernet(42 as never), 'x', /is number/)
  })

  it('names the faulty entry of a key list, never the key', () => {
    const bad = 'c2VjcmV0LXRoYXQtaXMtdG9vLXNob3J0'
    expectKeyError(() => createKeyRing(`${good},${bad}`), bad, /key 2 of 2/)
    expectKeyError(() => createKeyRing(`${good},,${good}`), good, /key 2 of 3 is empty/)
    expectKeyError(() => createKeyRing([good, good]), good, /key 2 of 2 repeats key 1/)
    expectKeyError(() => createKeyRing(''), 'x', /key 1 of 1 is empty/)
    expectKeyError(() => createKeyRing([]), 'x', /at least one key/)
  })

  it('checks the options', () => {
    expect(() => createFernet(good, { clock: 5 } as never)).toThrow(CryptoArgumentError)
    const fernet = createFernet(good, { generateIv: () => new Uint8Array(8) })
    expect(() => fernet.encrypt('x')).toThrow(/16 bytes/)
  })
})
