import { inspect } from 'node:util'

/**
 * An encrypted secret that is decrypted only when code asks for it. It
 * holds the Fernet token, never the plaintext, and prints as `[sealed]`
 * everywhere a value usually shows up: `console.log`, `util.inspect`,
 * `JSON.stringify`, `String()`, template literals, and errors that carry it.
 *
 * @example
 * const row = await db.selectFrom('crm_connections').selectAll().executeTakeFirstOrThrow()
 * console.log(row.access_token)          // [sealed]
 * await crm.call(row.access_token.reveal())
 */
export interface Sealed {
  /** The Fernet token as stored (not secret without the key). */
  readonly ciphertext: string
  /**
   * Decrypts and returns the plaintext as UTF-8 text. Throws
   * {@link InvalidTokenError} when no key of the ring decrypts it.
   */
  reveal(): string
  /** Decrypts and returns the plaintext bytes. */
  revealBytes(): Buffer
  /** Always `'[sealed]'`, so JSON never carries the secret. */
  toJSON(): string
  /** Always `'[sealed]'`. */
  toString(): string
}

/** What a sealed value needs to open itself. */
export interface SealedOpener {
  decryptBytes(token: string): Buffer
}

const SHOWN = '[sealed]'
// A registry symbol, not instanceof: the ESM and CommonJS builds and the
// `/kysely` entry each carry their own copy of this class.
const BRAND = Symbol.for('@tenantkit/crypto/sealed')

/** The only implementation of {@link Sealed}; all state is `#private`. */
class SealedValue implements Sealed {
  readonly #token: string
  readonly #opener: SealedOpener

  constructor(token: string, opener: SealedOpener) {
    this.#token = token
    this.#opener = opener
  }

  get ciphertext(): string {
    return this.#token
  }

  reveal(): string {
    return this.#opener.decryptBytes(this.#token).toString('utf8')
  }

  revealBytes(): Buffer {
    return this.#opener.decryptBytes(this.#token)
  }

  toJSON(): string {
    return SHOWN
  }

  toString(): string {
    return SHOWN
  }

  [Symbol.toPrimitive](): string {
    return SHOWN
  }

  [inspect.custom](): string {
    return 'Sealed [redacted]'
  }

  get [Symbol.toStringTag](): string {
    return 'Sealed'
  }

  get [BRAND](): true {
    return true
  }
}

/**
 * True for values made by this package's key rings and the Kysely plugin.
 *
 * @example
 * if (isSealed(row.access_token)) token = row.access_token.reveal()
 */
export function isSealed(value: unknown): value is Sealed {
  return typeof value === 'object' && value !== null &&
    (value as { [BRAND]?: unknown })[BRAND] === true
}

/** Wraps a token that `opener` can decrypt; the caller verified it. */
export function createSealed(token: string, opener: SealedOpener): Sealed {
  return new SealedValue(token, opener)
}
