import fernetNpm from 'fernet'
import { describe, expect, it } from 'vitest'
import { createFernet, generateKey } from '../src/index'

// The npm package is a dev dependency used only here and in the bench.
const { Secret, Token } = fernetNpm
const key = generateKey()
const secret = new Secret(key)
const messages = ['hello', 'exactly sixteen!', 'ünïcödé ✓', 'a'.repeat(200), '']

describe('interop with the npm fernet package (valid tokens only)', () => {
  it('npm fernet decrypts tokens made here', () => {
    const fernet = createFernet(key)
    for (const message of messages) {
      // ttl: 0 turns off its hidden default TTL of 60 seconds.
      const token = new Token({ secret, token: fernet.encrypt(message), ttl: 0 })
      expect(token.decode()).toBe(message)
    }
  })

  it('decrypts tokens made by npm fernet', () => {
    const fernet = createFernet(key)
    for (const message of messages.filter((m) => m !== '')) {
      const token = new Token({ secret, ttl: 0 }).encode(message)
      expect(fernet.decrypt(token)).toBe(message)
    }
  })

  it('differs on old tokens: npm fernet applies a 60 s TTL unless told not to', () => {
    const made = Date.now() - 5 * 60_000
    const token = createFernet(key, { clock: () => made }).encrypt('five minutes old')
    expect(createFernet(key).decrypt(token)).toBe('five minutes old')
    expect(() => new Token({ secret, token }).decode()).toThrow(/TTL/)
  })
})
