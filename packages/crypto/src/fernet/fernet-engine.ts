import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  timingSafeEqual,
  type Cipher,
  type Decipher,
  type KeyObject,
} from 'node:crypto'
import { BLOCK, IV_END, MAC_BYTES, VERSION } from './token-layout'

/**
 * Fernet's two primitives for one 32-byte key: the first half signs
 * (HMAC-SHA256), the second half encrypts (AES-128-CBC).
 *
 * Creating a cipher per token costs more than the encryption of a short
 * token, so each engine keeps one CBC cipher and one decipher open, without
 * padding, and steers them: CBC chains from the previous ciphertext block,
 * so XOR-ing the token's IV and that previous block into the first block
 * gives exactly the CBC result for the token's own IV. JavaScript runs this
 * synchronously, so no two tokens interleave on one engine.
 */
export class FernetEngine {
  readonly #signingKey: KeyObject
  readonly #encryptionKey: KeyObject
  #cipher!: Cipher
  #decipher!: Decipher
  #cipherChain!: Buffer
  #decipherChain!: Buffer

  constructor(key: Buffer) {
    this.#signingKey = createSecretKey(key.subarray(0, 16))
    this.#encryptionKey = createSecretKey(key.subarray(16, 32))
    this.#resetCipher()
    this.#resetDecipher()
  }

  #resetCipher(): void {
    this.#cipherChain = Buffer.alloc(BLOCK)
    this.#cipher = createCipheriv(
      'aes-128-cbc',
      this.#encryptionKey,
      this.#cipherChain,
    )
    this.#cipher.setAutoPadding(false)
  }

  #resetDecipher(): void {
    this.#decipherChain = Buffer.alloc(BLOCK)
    this.#decipher = createDecipheriv(
      'aes-128-cbc',
      this.#encryptionKey,
      this.#decipherChain,
    )
    this.#decipher.setAutoPadding(false)
  }

  /**
   * Builds the raw token bytes for `plaintext` with the given 8 timestamp
   * bytes and 16-byte IV.
   */
  seal(plaintext: Uint8Array, timestamp: Uint8Array, iv: Uint8Array): Buffer {
    const padding = BLOCK - (plaintext.length % BLOCK)
    const padded = Buffer.allocUnsafe(plaintext.length + padding)
    padded.set(plaintext)
    padded.fill(padding, plaintext.length)
    for (let i = 0; i < BLOCK; i++) {
      padded[i] = padded[i]! ^ iv[i]! ^ this.#cipherChain[i]!
    }

    const ciphertext = this.#cipher.update(padded)
    if (ciphertext.length !== padded.length) {
      // Cannot happen with whole blocks; if it did, the chain would be lost.
      this.#resetCipher()
      throw new Error('AES-CBC returned a partial block; cipher was reset')
    }
    this.#cipherChain = ciphertext.subarray(ciphertext.length - BLOCK)

    const token = Buffer.allocUnsafe(IV_END + ciphertext.length + MAC_BYTES)
    token[0] = VERSION
    token.set(timestamp, 1)
    token.set(iv, 9)
    token.set(ciphertext, IV_END)
    const signed = token.subarray(0, token.length - MAC_BYTES)
    const mac = createHmac('sha256', this.#signingKey).update(signed).digest()
    token.set(mac, signed.length)
    return token
  }

  /** Checks the MAC of a decoded token in constant time. */
  verify(data: Buffer): boolean {
    if (data.length < MAC_BYTES) return false
    const end = data.length - MAC_BYTES
    const mac = createHmac('sha256', this.#signingKey)
      .update(data.subarray(0, end))
      .digest()
    return timingSafeEqual(mac, data.subarray(end))
  }

  /**
   * Verifies and decrypts a decoded token whose shape was checked (whole
   * blocks of ciphertext); `undefined` when the MAC or padding is wrong.
   */
  open(data: Buffer): Buffer | undefined {
    if (!this.verify(data)) return undefined
    const ciphertext = data.subarray(IV_END, data.length - MAC_BYTES)
    const plain = this.#decipher.update(ciphertext)
    if (plain.length !== ciphertext.length) {
      this.#resetDecipher()
      throw new Error('AES-CBC returned a partial block; decipher was reset')
    }
    for (let i = 0; i < BLOCK; i++) {
      plain[i] = plain[i]! ^ data[9 + i]! ^ this.#decipherChain[i]!
    }
    this.#decipherChain = Buffer.from(
      ciphertext.subarray(ciphertext.length - BLOCK),
    )
    return unpad(plain)
  }
}

/** Strips PKCS#7 padding; `undefined` when it is malformed. */
function unpad(plain: Buffer): Buffer | undefined {
  const size = plain[plain.length - 1] ?? 0
  if (size < 1 || size > BLOCK || size > plain.length) return undefined
  let bad = 0
  for (let i = plain.length - size; i < plain.length; i++) {
    bad |= plain[i]! ^ size
  }
  return bad === 0 ? plain.subarray(0, plain.length - size) : undefined
}
