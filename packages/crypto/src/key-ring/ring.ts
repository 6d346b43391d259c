import { CryptoArgumentError } from '../errors/crypto-argument-error'
import { InvalidKeyError } from '../errors/invalid-key-error'
import { InvalidTokenError } from '../errors/invalid-token-error'
import { encodeBase64 } from '../fernet/base64'
import { decodeToken } from '../fernet/decode-token'
import type { DecryptOptions, FernetOptions } from '../fernet/fernet'
import { FernetEngine } from '../fernet/fernet-engine'
import { parseKey, type FernetKeyInput } from '../fernet/key'
import { randomIv } from '../fernet/random-iv'
import {
  hasCiphertextShape,
  readTimestamp,
  TIMESTAMP_END,
  writeTimestamp,
} from '../fernet/token-layout'
import { createSealed, type Sealed } from '../sealed/sealed'
import { contextInfo, deriveKeyBytes, type EncryptionContext } from './context'
import type { KeyRing } from './key-ring'
import { checkOptions, checkTtl, toBytes } from './ring-input'

/** The reference's tolerance for tokens stamped in the future, in seconds. */
export const MAX_CLOCK_SKEW = 60
const MAX_CACHED_CONTEXTS = 1024

/** The implementation behind `createFernet` and `createKeyRing`. */
export class Ring implements KeyRing {
  readonly #keys: readonly Buffer[]
  readonly #engines: readonly FernetEngine[]
  readonly #clock: () => number
  readonly #generateIv: () => Uint8Array
  readonly #contexts: Map<string, Ring> | undefined

  private constructor(
    keys: readonly Buffer[],
    options: FernetOptions,
    derived: boolean,
  ) {
    this.#keys = keys
    this.#engines = keys.map((key) => new FernetEngine(key))
    this.#clock = options.clock ?? Date.now
    this.#generateIv = options.generateIv ?? randomIv
    this.#contexts = derived ? undefined : new Map()
  }

  /** Validates configured keys (newest first) and builds a ring. */
  static fromKeys(
    keys: readonly FernetKeyInput[],
    options: FernetOptions,
    caller: string,
  ): Ring {
    if (!Array.isArray(keys) || keys.length === 0) {
      throw new InvalidKeyError(`${caller} needs at least one key`)
    }
    checkOptions(options, caller)
    // Array.from visits holes too: [a, , b] must fail like [a, undefined, b].
    const parsed = Array.from(keys, (key: FernetKeyInput, index) =>
      parseKey(key, `key ${index + 1} of ${keys.length}`),
    )
    const seen = new Map<string, number>()
    parsed.forEach((key, index) => {
      const earlier = seen.get(key.toString('hex'))
      if (earlier !== undefined) {
        throw new InvalidKeyError(
          `key ${index + 1} of ${keys.length} repeats key ${earlier + 1}`,
        )
      }
      seen.set(key.toString('hex'), index)
    })
    return new Ring(parsed, options, false)
  }

  get size(): number {
    return this.#engines.length
  }

  encrypt(plaintext: string | Uint8Array): string {
    const bytes = toBytes(plaintext, 'encrypt')
    const timestamp = new Uint8Array(TIMESTAMP_END)
    writeTimestamp(timestamp, this.#now('encrypt'))
    return encodeBase64(this.#seal(bytes, timestamp.subarray(1)))
  }

  decrypt(token: string | Uint8Array, options?: DecryptOptions): string {
    return this.decryptBytes(token, options).toString('utf8')
  }

  decryptBytes(token: string | Uint8Array, options?: DecryptOptions): Buffer {
    const data = decodeToken(token)
    const ttl = checkTtl(options)
    if (ttl !== undefined) {
      const now = this.#now('decrypt')
      const timestamp = readTimestamp(data)
      if (timestamp + ttl < now) throw new InvalidTokenError()
      if (now + MAX_CLOCK_SKEW < timestamp) throw new InvalidTokenError()
    }
    return this.#open(data)
  }

  extractTimestamp(token: string | Uint8Array): number {
    const data = decodeToken(token)
    if (!this.#engines.some((engine) => engine.verify(data))) {
      throw new InvalidTokenError()
    }
    return readTimestamp(data)
  }

  rotate(token: string | Uint8Array): string {
    const data = decodeToken(token)
    const plaintext = this.#open(data)
    return encodeBase64(this.#seal(plaintext, data.subarray(1, TIMESTAMP_END)))
  }

  isCurrent(token: string | Uint8Array): boolean {
    const data = decodeToken(token, false)
    return data !== undefined && this.#engines[0]!.verify(data)
  }

  forContext(context: EncryptionContext): KeyRing {
    if (this.#contexts === undefined) {
      throw new CryptoArgumentError(
        'forContext: this key ring is already bound to a context.',
        'Call forContext on the key ring made by createKeyRing.',
      )
    }
    const id = contextInfo(context).toString('base64')
    let ring = this.#contexts.get(id)
    if (ring === undefined) {
      const keys = this.#keys.map((key) => deriveKeyBytes(key, context))
      const options = { clock: this.#clock, generateIv: this.#generateIv }
      ring = new Ring(keys, options, true)
      if (this.#contexts.size >= MAX_CACHED_CONTEXTS) {
        const oldest = this.#contexts.keys().next().value
        if (oldest !== undefined) this.#contexts.delete(oldest)
      }
      this.#contexts.set(id, ring)
    }
    return ring
  }

  seal(plaintext: string | Uint8Array): Sealed {
    return createSealed(this.encrypt(plaintext), this)
  }

  toSealed(token: string | Uint8Array): Sealed {
    this.extractTimestamp(token)
    const text = typeof token === 'string' ? token : Buffer.from(token)
      .toString('latin1')
    return createSealed(text, this)
  }

  verify(token: string | Uint8Array): boolean {
    const data = decodeToken(token, false)
    return data !== undefined && this.#engines.some((e) => e.verify(data))
  }

  #open(data: Buffer): Buffer {
    if (hasCiphertextShape(data)) {
      for (const engine of this.#engines) {
        const plaintext = engine.open(data)
        if (plaintext !== undefined) return plaintext
      }
    }
    throw new InvalidTokenError()
  }

  #seal(plaintext: Uint8Array, timestamp: Uint8Array): Buffer {
    const iv = this.#generateIv()
    if (!(iv instanceof Uint8Array) || iv.byteLength !== 16) {
      throw new CryptoArgumentError(
        'generateIv must return a Uint8Array of 16 bytes.',
        'Return 16 bytes from generateIv, or remove the option.',
      )
    }
    return this.#engines[0]!.seal(plaintext, timestamp, iv)
  }

  #now(caller: string): number {
    const millis = this.#clock()
    if (!Number.isFinite(millis) || millis < 0) {
      throw new CryptoArgumentError(
        `${caller}: the clock returned ${String(millis)}, not a time.`,
        'Make the clock option return milliseconds since the epoch.',
      )
    }
    return Math.floor(millis / 1000)
  }
}
