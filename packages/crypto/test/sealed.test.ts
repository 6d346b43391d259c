import { Writable } from 'node:stream'
import { Console } from 'node:console'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  createKeyRing,
  generateKey,
  InvalidTokenError,
  isSealed,
} from '../src/index'

const SECRET = 'ya29.a0-very-secret-oauth-access-token'
const ring = createKeyRing([generateKey()])

/** Everything a Console prints, as text. */
function printed(...values: unknown[]): string {
  let out = ''
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString()
      done()
    },
  })
  new Console({ stdout: sink, stderr: sink }).log(...values)
  return out
}

describe('sealed values', () => {
  const sealed = ring.seal(SECRET)

  it('reveals the plaintext only on request', () => {
    expect(isSealed(sealed)).toBe(true)
    expect(isSealed(SECRET)).toBe(false)
    expect(sealed.reveal()).toBe(SECRET)
    expect(sealed.revealBytes()).toEqual(Buffer.from(SECRET))
    expect(ring.decrypt(sealed.ciphertext)).toBe(SECRET)
  })

  it('shows nothing secret in any printed or serialised form', () => {
    const error = new Error('request failed', { cause: sealed })
    const forms = [
      printed(sealed),
      printed({ row: { access_token: sealed } }),
      printed('%s %o %O %j', sealed, sealed, sealed, sealed),
      inspect(sealed, { showHidden: true, depth: Infinity }),
      inspect(sealed, { customInspect: false, showHidden: true }),
      inspect(error),
      JSON.stringify({ access_token: sealed }),
      JSON.stringify(error),
      String(sealed),
      `${sealed}`,
      'token: ' + sealed,
      Object.keys(sealed).join(),
      JSON.stringify(structuredClone({ sealed: { ...sealed } })),
    ]
    for (const form of forms) {
      expect(form).not.toContain(SECRET)
      expect(form).not.toContain(SECRET.slice(5, 15))
    }
    expect(JSON.stringify({ a: sealed })).toBe('{"a":"[sealed]"}')
    expect(`${sealed}`).toBe('[sealed]')
    expect(inspect(sealed)).toBe('Sealed [redacted]')
  })

  it('wraps a stored token after checking its MAC only', () => {
    const stored = ring.encrypt(SECRET)
    expect(ring.toSealed(stored).reveal()).toBe(SECRET)
    expect(() => ring.toSealed('plaintext')).toThrow(InvalidTokenError)
  })

  it('refuses to wrap a token of another key ring', () => {
    const foreign = createKeyRing([generateKey()]).encrypt(SECRET)
    const wrapped = createKeyRing([generateKey()])
    expect(() => wrapped.toSealed(foreign)).toThrow(InvalidTokenError)
  })
})
