import { describe, expect, it } from 'vitest'
import { createFernet, InvalidTokenError } from '../src/index'
import { runPython, type PythonResult } from './support/python'
import { vectors } from './support/vectors'

const at = (iso: string) => () => Date.parse(iso)
const seconds = (iso: string) => Date.parse(iso) / 1000

describe('Fernet spec vectors', () => {
  it.each(vectors.generate)('generate: reproduces token for "$src"', (v) => {
    // Pin the clock and the IV to the vector's, through options.
    const fernet = createFernet(v.secret, {
      clock: at(v.now),
      generateIv: () => Uint8Array.from(v.iv),
    })
    expect(fernet.encrypt(v.src)).toBe(v.token)
  })

  it.each(vectors.verify)('verify: decrypts to "$src" within its TTL', (v) => {
    const fernet = createFernet(v.secret, { clock: at(v.now) })
    expect(fernet.decrypt(v.token, { ttl: v.ttl_sec })).toBe(v.src)
    expect(fernet.decryptBytes(v.token)).toEqual(Buffer.from(v.src))
  })

  it('verify: the timestamp is the generate vector\'s time', () => {
    const [made] = vectors.generate
    for (const v of vectors.verify) {
      const fernet = createFernet(v.secret)
      expect(fernet.extractTimestamp(v.token)).toBe(seconds(made!.now))
    }
  })

  it.each(vectors.invalid)('invalid: rejects "$desc"', (v) => {
    const fernet = createFernet(v.secret, { clock: at(v.now) })
    expect(() => fernet.decrypt(v.token, { ttl: v.ttl_sec })).toThrow(
      InvalidTokenError,
    )
  })

  it('gives the same message for every invalid vector', () => {
    const messages = new Set(
      vectors.invalid.map((v) => {
        const fernet = createFernet(v.secret, { clock: at(v.now) })
        try {
          fernet.decrypt(v.token, { ttl: v.ttl_sec })
        } catch (error) {
          return (error as Error).message
        }
        return 'accepted'
      }),
    )
    expect([...messages]).toEqual([new InvalidTokenError().message])
  })

  it('agrees with Python on every vector (decrypt_at_time)', async () => {
    for (const v of [...vectors.verify, ...vectors.invalid]) {
      const [python] = await runPython<PythonResult<string>[]>({
        op: 'decrypt',
        keys: [v.secret],
        tokens: [v.token],
        ttl: v.ttl_sec,
        now: seconds(v.now),
      })
      const fernet = createFernet(v.secret, { clock: at(v.now) })
      let ours: boolean
      try {
        fernet.decrypt(v.token, { ttl: v.ttl_sec })
        ours = true
      } catch {
        ours = false
      }
      expect({ token: v.token, ok: ours }).toEqual({
        token: v.token,
        ok: python!.ok,
      })
    }
  })
})
