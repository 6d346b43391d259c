import { describe, expect, it } from 'vitest'
import {
  createColumnCodec,
  createKeyRing,
  createProgressBar,
  CryptoArgumentError,
  formatProgress,
  generateKey,
  type JobProgress,
} from '../src/index'
import { createEncryptedColumnsPlugin } from '../src/kysely/index'

const progress: JobProgress = {
  total: 10, scanned: 5, updated: 4, skipped: 1, failed: 0, conflicts: 0,
  cursor: 5, done: false,
}
const keyRing = createKeyRing([generateKey()])
const sink = { write: (_text: string) => true }

describe('progress options of the wrong kind', () => {
  it('throw CryptoArgumentError from formatProgress', () => {
    const calls = [
      () => formatProgress(progress, undefined as never),
      () => formatProgress(progress, { label: 'x', width: -5 }),
      () => formatProgress(progress, { label: 7 as never, width: 10 }),
      () => formatProgress(null as never, { label: 'x', width: 10 }),
    ]
    for (const call of calls) expect(call).toThrow(CryptoArgumentError)
    expect(formatProgress(progress, { label: 'x', width: 10 }))
      .toBe('x [#####.....]  50% 5/10 rows, 4 updated, 1 skipped')
  })

  it('throw CryptoArgumentError from createProgressBar', () => {
    expect(() => createProgressBar(sink, null as never))
      .toThrow(CryptoArgumentError)
    expect(() => createProgressBar(sink, { label: 5 as never }))
      .toThrow(CryptoArgumentError)
  })
})

describe('codec and plugin arguments of the wrong kind', () => {
  const codec = createColumnCodec({ keyRing, tables: { t: ['c'] } })

  it('a codec target that is not an object', () => {
    for (const target of [null, undefined, 't.c']) {
      expect(() => codec.encode(target as never, 'x')).toThrow(CryptoArgumentError)
      expect(() => codec.decode(target as never, 'x')).toThrow(CryptoArgumentError)
    }
  })

  it('a plugin codec that is not a codec, refused when the plugin is made', () => {
    for (const bogus of [{}, 'codec', { isEncrypted: () => true }]) {
      expect(() => createEncryptedColumnsPlugin({ codec: bogus as never }))
        .toThrow(CryptoArgumentError)
    }
  })
})
