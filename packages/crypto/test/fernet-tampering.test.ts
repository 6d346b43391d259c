import { describe, expect, it } from 'vitest'
import { createFernet, generateKey, InvalidTokenError } from '../src/index'
import { craftToken, pkcs7 } from './support/craft'
import { runPython, type PythonResult } from './support/python'

const key = generateKey()
const fernet = createFernet(key)
const token = fernet.encrypt('a CRM refresh token!')
const bytes = Buffer.from(token, 'base64url')
const encode = (data: Uint8Array) =>
  Buffer.from(data).toString('base64').replaceAll('+', '-').replaceAll('/', '_')

/** Asserts the one error type and its fixed message, nothing else. */
function expectRejected(candidate: string | Uint8Array, using = fernet): void {
  let thrown: unknown
  try {
    using.decrypt(candidate)
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(InvalidTokenError)
  expect((thrown as Error).message).toBe(new InvalidTokenError().message)
}

describe('tampering', () => {
  it('rejects every single-bit flip of the token bytes', () => {
    let flips = 0
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const changed = Buffer.from(bytes)
        changed[i] = changed[i]! ^ (1 << bit)
        expectRejected(encode(changed))
        flips++
      }
    }
    expect(flips).toBe(bytes.length * 8)
  })

  it('treats every bit flip of the token text exactly as Python does', async () => {
    const variants: string[] = []
    for (let i = 0; i < token.length; i++) {
      for (let bit = 0; bit < 7; bit++) {
        const code = token.charCodeAt(i) ^ (1 << bit)
        variants.push(token.slice(0, i) + String.fromCharCode(code) + token.slice(i + 1))
      }
    }
    const python = await runPython<PythonResult<string>[]>({
      op: 'decrypt', keys: [key], tokens: variants,
    })
    const ours = variants.map((v) => {
      try {
        return fernet.decryptBytes(v).toString('base64')
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidTokenError)
        return null
      }
    })
    expect(ours).toEqual(python.map((r) => (r.ok ? r.value : null)))
  })

  it('rejects every truncation, in bytes and in text', () => {
    for (let length = 0; length < bytes.length; length++) {
      expectRejected(encode(bytes.subarray(0, length)))
    }
    for (let length = 0; length < token.length; length++) {
      expectRejected(token.slice(0, length))
    }
  })

  it('rejects every version byte but 0x80, even with a valid MAC', () => {
    for (let version = 0; version < 256; version++) {
      if (version === 0x80) continue
      expectRejected(craftToken({ key, padded: pkcs7('hi'), version }))
    }
    expect(fernet.decrypt(craftToken({ key, padded: pkcs7('hi') }))).toBe('hi')
  })

  it('rejects bad PKCS#7 padding under a valid MAC', () => {
    const block = (fill: number, last: number) => {
      const b = Buffer.alloc(16, fill)
      b[15] = last
      return b
    }
    for (const padded of [
      block(65, 0), // pad length 0
      block(65, 17), // longer than a block
      block(65, 255),
      block(65, 2), // last two bytes must both be 2
      Buffer.concat([Buffer.alloc(16, 65), block(3, 16)]), // 16 needs 16 x 16
    ]) {
      expectRejected(craftToken({ key, padded }))
    }
  })

  it('rejects ciphertext that is empty or not whole blocks, even signed', () => {
    for (const size of [0, 1, 15, 17, 31]) {
      expectRejected(craftToken({ key, padded: Buffer.alloc(size, 1), raw: true }))
    }
  })

  it('rejects text that is not base64', () => {
    const bad = ['', '=', '====', '%%%%', 'gAAAA', 'not a token at all',
      token.replace(/=+$/, '') + 'A', '\u00e9' + token, token + '\u2028']
    for (const candidate of bad) expectRejected(candidate)
  })

  it('rejects a token under a key the ring does not hold', () => {
    expectRejected(token, createFernet(generateKey()))
  })

  it('rejects any input type but text and bytes with a TypeError-like error', () => {
    for (const value of [null, undefined, 42, {}, []]) {
      expect(() => fernet.decrypt(value as never)).toThrow(/string or a Uint8Array/)
    }
  })

  it('accepts the token as bytes, as Python accepts bytes', () => {
    expect(fernet.decrypt(Buffer.from(token, 'ascii'))).toBe(
      'a CRM refresh token!',
    )
  })
})
