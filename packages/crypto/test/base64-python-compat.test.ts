import { describe, expect, it } from 'vitest'
import { createFernet, generateKey, InvalidTokenError } from '../src/index'
import { runPython, type PythonResult } from './support/python'
import { pick, seeded } from './support/random'

const key = generateKey()
const fernet = createFernet(key)
const random = seeded(20240229)
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const JUNK = ' \n\t\r\u0000\u0001\u007f!"#$%&\'()*,.:;<>?@[\\]^`{|}~'

const insert = (s: string, text: string, at = pick(random, s.length + 1)) =>
  s.slice(0, at) + text + s.slice(at)

// One mutation of the text form of a token; several are chained per case.
const mutations: Array<(s: string) => string> = [
  (s) => s.replace(/=+$/, ''),
  (s) => s + '='.repeat(1 + pick(random, 3)),
  (s) => insert(s, JUNK[pick(random, JUNK.length)]!),
  (s) => insert(s, '='),
  (s) => s.replaceAll('-', '+').replaceAll('_', '/'),
  (s) => s + ['AAAA', 'xyz', '==', '=A=', '\n'][pick(random, 5)]!,
  (s) => ['=', ' ', 'AA==', '.'][pick(random, 4)]! + s,
  (s) => s.slice(0, -1 - pick(random, 3)),
  (s) => insert(s, ALPHABET[pick(random, 64)]!),
  (s) => insert(s, 'é'),
  (s) => {
    // Another value for the last data character: may only touch the
    // unused low bits, which Python ignores.
    const end = s.replace(/=+$/, '').length - 1
    const value = ALPHABET.indexOf(s[end]!)
    if (value < 0) return s
    const other = ALPHABET[(value & ~3) | pick(random, 4)]!
    return s.slice(0, end) + other + s.slice(end + 1)
  },
]

function variants(count: number): string[] {
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    let text = fernet.encrypt('x'.repeat(pick(random, 40)))
    const steps = 1 + pick(random, 3)
    for (let s = 0; s < steps; s++) {
      text = mutations[pick(random, mutations.length)]!(text)
    }
    out.push(text)
  }
  return out
}

function ours(token: string | Uint8Array): string | null {
  try {
    return fernet.decryptBytes(token).toString('base64')
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError)
    return null
  }
}

describe('decoding accepts exactly what Python accepts', () => {
  it('agrees on 3000 mutated tokens given as text', async () => {
    const cases = variants(3000)
    const python = await runPython<PythonResult<string>[]>({
      op: 'decrypt', keys: [key], tokens: cases,
    })
    const expected = python.map((r) => (r.ok ? r.value : null))
    expect(cases.map(ours)).toEqual(expected)
    // The sample must contain both outcomes to mean anything.
    expect(new Set(expected.map((e) => e === null)).size).toBe(2)
  })

  it('agrees on 1000 mutated tokens given as bytes, high bytes included', async () => {
    const cases = variants(1000).map((text) => {
      const bytes = Buffer.from(text.replaceAll('é', ''), 'latin1')
      const at = pick(random, bytes.length + 1)
      const high = Buffer.from([0x80 + pick(random, 128)])
      return random() < 0.5
        ? Buffer.concat([bytes.subarray(0, at), high, bytes.subarray(at)])
        : bytes
    })
    const python = await runPython<PythonResult<string>[]>({
      op: 'decrypt',
      keys: [key],
      tokenBytes: cases.map((b) => b.toString('base64')),
    })
    const expected = python.map((r) => (r.ok ? r.value : null))
    expect(cases.map(ours)).toEqual(expected)
    expect(new Set(expected.map((e) => e === null)).size).toBe(2)
  })

  it('always writes url-safe base64 with = padding', () => {
    for (let size = 0; size < 48; size++) {
      const token = fernet.encrypt('y'.repeat(size))
      expect(token).toMatch(/^[A-Za-z0-9_-]+={0,2}$/)
      expect(token.length % 4).toBe(0)
    }
  })
})
