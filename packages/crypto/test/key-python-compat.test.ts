import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createFernet, createKeyRing, InvalidKeyError } from '../src/index'
import { b64, runPython, type PythonResult } from './support/python'
import { pick, seeded } from './support/random'

// A key whose text holds '-' and '_', so the '+/' variants differ from it.
const bytes = randomBytes(32)
bytes.set([0xfb, 0xff, 0xff], 0)
const key = bytes.toString('base64url') + '='
const random = seeded(4242)
const at = (s: string, i: number, text: string, drop = 0) =>
  s.slice(0, i) + text + s.slice(i + drop)
const standard = (s: string) => s.replaceAll('-', '+').replaceAll('_', '/')

/** Key forms an operator could plausibly configure. */
const named: Record<string, string> = {
  'as generated': key,
  'unpadded': key.slice(0, -1),
  'unpadded, newline after': `${key.slice(0, -1)}\n`,
  'unpadded, standard alphabet': standard(key.slice(0, -1)),
  'one extra =': `${key}=`,
  'two extra =': `${key}==`,
  'text after the padding': `${key}AAAA`,
  'two keys without a comma': key + key,
  'standard alphabet +/': standard(key),
  'whitespace around': ` \t${key}\r\n`,
  'whitespace inside': at(key, 22, ' '),
  'newline inside': at(key, 11, '\n'),
  'a stray ! inserted': at(key, 21, '!'),
  'a character replaced by !': at(key, 20, '!', 1),
  'a non-ASCII character': at(key, 9, 'é'),
  '= in the middle': at(key, 23, '='),
  '= in front': `=${key}`,
  'too short': key.slice(0, 30),
  '42 characters and =': `${key.slice(0, 42)}=`,
  '42 characters and ==': `${key.slice(0, 42)}==`,
  'one character too many': at(key, 43, 'A'),
  'doubled, unpadded': key.slice(0, -1) + key.slice(0, -1),
  'empty': '',
  'only whitespace': '  \n',
  'only padding': '==',
}

const JUNK = [' ', '\n', '\t', '!', '.', '=', '==', '+', '/', '-', '_', 'A', 'é']
const mutations: Array<(s: string) => string> = [
  (s) => s.replace(/=+$/, ''),
  (s) => s + '='.repeat(1 + pick(random, 3)),
  (s) => at(s, pick(random, s.length + 1), JUNK[pick(random, JUNK.length)]!),
  (s) => at(s, pick(random, s.length), '', 1),
  (s) => standard(s),
  (s) => s.trim(),
]

/** Random chains of small edits, seeded so a failure reproduces. */
function mutated(count: number): string[] {
  return Array.from({ length: count }, () => {
    let text = key
    for (let s = 1 + pick(random, 3); s > 0; s--) {
      text = mutations[pick(random, mutations.length)]!(text)
    }
    return text
  })
}

type Fernet = ReturnType<typeof createFernet>

function tryKey(key: string | Uint8Array): { fernet?: Fernet; error?: unknown } {
  try {
    return { fernet: createFernet(key) }
  } catch (error) {
    return { error }
  }
}

function opens(fernet: Fernet | undefined, token: string, plaintext: string): boolean {
  try {
    return fernet?.decrypt(token) === plaintext
  } catch {
    return false
  }
}

/** The error's every rendering, checked for any 6-character run of `text`. */
function expectNoEcho(error: unknown, text: string): void {
  const rendered = [
    (error as Error).message, (error as InvalidKeyError).fix,
    JSON.stringify(error), inspect(error),
  ].join('\n')
  for (const secret of [text, key]) {
    for (let i = 0; i + 6 <= secret.length; i++) {
      expect(rendered).not.toContain(secret.slice(i, i + 6))
    }
  }
}

describe('key validation agrees with Python\'s Fernet(key)', () => {
  const cases = [...Object.values(named), ...mutated(400)]
  const plaintext = 'same key on both sides'

  it('accepts a key if and only if python3 accepts it, as the same key', async () => {
    const python = await runPython<PythonResult<string>[]>({
      op: 'keys', keys: [], textKeys: cases, plaintexts: [b64(plaintext)],
    })
    const verdicts = cases.map((text, i) => {
      const ours = tryKey(text)
      const theirs = python[i]!
      if (theirs.ok) {
        // Python encrypted under this text: decrypting proves equal bytes.
        return opens(ours.fernet, theirs.value, plaintext)
      }
      expect(ours.error, JSON.stringify(text)).toBeInstanceOf(InvalidKeyError)
      expect((ours.error as Error).message).toMatch(/^Invalid Fernet key: key 1 of 1 /)
      expectNoEcho(ours.error, text)
      return 'refused'
    })
    expect(verdicts.map((v, i) => [cases[i], v]).filter(([, v]) => v === false))
      .toEqual([])
    // The sample must hold both outcomes, and the unpadded key is refused.
    expect(new Set(verdicts).size).toBe(2)
    expect(python[1]).toMatchObject({ ok: false })
  })

  it('says an unpadded key lacks its "=" and how to fix it', () => {
    for (const text of [named['unpadded']!, named['unpadded, newline after']!]) {
      const { error } = tryKey(text)
      expect(error).toBeInstanceOf(InvalidKeyError)
      expect((error as Error).message)
        .toMatch(/key 1 of 1 ends without its "=" padding/)
      expect((error as InvalidKeyError).fix)
        .toMatch(/Restore the trailing "=" padding/)
    }
  })

  it('names the entry of a key list that Python would refuse', () => {
    const list = `${key},${named['unpadded']!}`
    let thrown: unknown
    try {
      createKeyRing(list)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(InvalidKeyError)
    expect((thrown as Error).message).toMatch(/key 2 of 2 ends without its "=" padding/)
    expectNoEcho(thrown, list)
  })

  it('describes a wrong length, a stray character and a non-ASCII one', () => {
    const message = (text: string) => (tryKey(text).error as Error).message
    expect(message(named['too short']!)).toMatch(/has 30 base64 characters; a Fernet key has 43/)
    expect(message(named['a character replaced by !']!))
      .toMatch(/has 42 base64 characters.*position 21 holds a character that is not base64/)
    expect(message(named['a non-ASCII character']!)).toMatch(/non-ASCII character at position 10/)
    expect(message(named['= in the middle']!))
      .toMatch(/has 23 base64 characters.*the "=" at position 24 ends it/)
    expect(message(named['empty']!)).toMatch(/key 1 of 1 is empty/)
  })

  it('still takes the 32 raw key bytes, which are not text', () => {
    const token = createFernet(key).encrypt('x')
    expect(createFernet(new Uint8Array(bytes)).decrypt(token)).toBe('x')
    expect(tryKey(Buffer.from(key)).error).toBeInstanceOf(InvalidKeyError)
  })
})
