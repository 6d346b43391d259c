import { describe, expect, it } from 'vitest'
import { createFernet, createKeyRing, generateKey } from '../src/index'
import { b64, runPython, type PythonResult } from './support/python'

const newKey = generateKey()
const oldKey = generateKey()
const plaintexts: Uint8Array[] = [
  Buffer.alloc(0),
  Buffer.from('hello'),
  Buffer.from('exactly sixteen!'),
  Buffer.from('ünïcödé ✓ 🔐'),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.alloc(200, 'a'),
]
const asB64 = plaintexts.map((p) => b64(p))

const values = (results: PythonResult<string>[]) =>
  results.map((r) => (r.ok ? r.value : `rejected: ${r.error}`))

describe('interop with Python cryptography (real python3 process)', () => {
  it('Python Fernet decrypts tokens made here', async () => {
    const fernet = createFernet(newKey)
    const tokens = plaintexts.map((p) => fernet.encrypt(p))
    const python = await runPython<PythonResult<string>[]>({
      op: 'decrypt', keys: [newKey], tokens,
    })
    expect(values(python)).toEqual(asB64)
  })

  it('decrypts tokens made by Python Fernet', async () => {
    const tokens = await runPython<string[]>({
      op: 'encrypt', keys: [newKey], plaintexts: asB64,
    })
    const fernet = createFernet(newKey)
    expect(tokens.map((t) => b64(fernet.decryptBytes(t)))).toEqual(asB64)
  })

  it('Python MultiFernet and this key ring read each other both ways', async () => {
    const ring = createKeyRing([newKey, oldKey])
    const fromOldPython = await runPython<string[]>({
      op: 'encrypt', keys: [oldKey], plaintexts: asB64,
    })
    expect(fromOldPython.map((t) => b64(ring.decryptBytes(t)))).toEqual(asB64)

    const ours = [
      ...plaintexts.map((p) => ring.encrypt(p)),
      ...plaintexts.map((p) => createFernet(oldKey).encrypt(p)),
    ]
    const multi = await runPython<PythonResult<string>[]>({
      op: 'decrypt', keys: [newKey, oldKey], tokens: ours,
    })
    expect(values(multi)).toEqual([...asB64, ...asB64])
    // The ring encrypts with its first key, as MultiFernet does.
    const newOnly = await runPython<PythonResult<string>[]>({
      op: 'decrypt', keys: [newKey], tokens: ours.slice(0, plaintexts.length),
    })
    expect(values(newOnly)).toEqual(asB64)
  })

  it('tokens rotated by Python decrypt here with the new key alone', async () => {
    const made = 1_650_000_000
    const old = createFernet(oldKey, { clock: () => made * 1000 })
    const tokens = plaintexts.map((p) => old.encrypt(p))
    const rotated = await runPython<PythonResult<string>[]>({
      op: 'rotate', keys: [newKey, oldKey], tokens,
    })
    const fresh = createFernet(newKey)
    for (const [i, r] of rotated.entries()) {
      expect(r.ok).toBe(true)
      if (!r.ok) continue
      expect(b64(fresh.decryptBytes(r.value))).toBe(asB64[i])
      expect(fresh.extractTimestamp(r.value)).toBe(made)
    }
  })

  it('tokens rotated here decrypt in Python with the new key alone', async () => {
    const made = 1_650_000_000
    const old = createFernet(oldKey, { clock: () => made * 1000 })
    const ring = createKeyRing([newKey, oldKey])
    const rotated = plaintexts.map((p) => ring.rotate(old.encrypt(p)))

    const python = await runPython<PythonResult<string>[]>({
      op: 'decrypt', keys: [newKey], tokens: rotated,
    })
    expect(values(python)).toEqual(asB64)
    const stamps = await runPython<PythonResult<number>[]>({
      op: 'timestamp', keys: [newKey], tokens: rotated,
    })
    expect(stamps.map((s) => s.ok && s.value)).toEqual(rotated.map(() => made))
  })

  it('Python rejects what was made under a key it does not hold', async () => {
    const [result] = await runPython<PythonResult<string>[]>({
      op: 'decrypt', keys: [newKey], tokens: [createFernet(oldKey).encrypt('x')],
    })
    expect(result).toEqual({ ok: false, error: 'InvalidToken' })
  })
})
