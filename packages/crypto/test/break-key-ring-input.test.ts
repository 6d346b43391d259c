import { describe, expect, it } from 'vitest'
import {
  createKeyRing,
  generateKey,
  InvalidKeyError,
} from '../src/index'

describe('a key list with a hole', () => {
  it('is refused like an undefined key, naming its position', () => {
    const keys = [generateKey(), generateKey()]
    // eslint-disable-next-line no-sparse-arrays -- the hole is the input under test
    const sparse = [keys[0]!, , keys[1]!] as string[]
    expect(() => createKeyRing(sparse)).toThrow(InvalidKeyError)
    expect(() => createKeyRing(sparse)).toThrow(/key 2 of 3 is undefined/)
  })
})
