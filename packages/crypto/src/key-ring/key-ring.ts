import type { Fernet, FernetOptions } from '../fernet/fernet'
import type { FernetKeyInput } from '../fernet/key'
import type { Sealed } from '../sealed/sealed'
import type { EncryptionContext } from './context'
import { Ring } from './ring'

/**
 * Several Fernet keys with the semantics of Python's `MultiFernet`: the
 * first key encrypts, every key decrypts, `rotate` re-encrypts under the
 * first key. Rotating keys is: put the new key first, keep the old ones
 * after it until every stored token has been rotated, then drop them.
 */
export interface KeyRing extends Fernet {
  /** Number of keys in the ring. */
  readonly size: number
  /**
   * Re-encrypts a token under the first key, keeping its original
   * timestamp (as `MultiFernet.rotate` does). Throws
   * {@link InvalidTokenError} when no key decrypts it.
   * @example const fresh = keyRing.rotate(storedToken)
   */
  rotate(token: string | Uint8Array): string
  /**
   * True when the first key signed the token, so rotating it would change
   * nothing. Does not decrypt.
   */
  isCurrent(token: string | Uint8Array): boolean
  /**
   * True when some key of the ring signed the token: it is a token of this
   * ring, and decrypting it will work. Checks the MAC only; never throws.
   * @example if (!keyRing.verify(stored)) report(rowId)
   */
  verify(token: string | Uint8Array): boolean
  /**
   * The ring for one tenant, table and column: every key replaced by a key
   * derived from it with HKDF-SHA256 (see {@link deriveContextKey}), so a
   * token moved to another tenant, table or column no longer decrypts.
   * Derived rings are cached.
   * @example keyRing.forContext({ tenantId, table: 'crm', column: 'token' })
   */
  forContext(context: EncryptionContext): KeyRing
  /**
   * Encrypts now and returns the token wrapped as a {@link Sealed} value.
   * @example const secret = keyRing.seal(accessToken)
   */
  seal(plaintext: string | Uint8Array): Sealed
  /**
   * Wraps an existing token as a {@link Sealed} value after checking its
   * MAC, without decrypting it. Throws {@link InvalidTokenError}.
   */
  toSealed(token: string | Uint8Array): Sealed
}

/**
 * Creates a key ring from keys listed newest first, either as an array or
 * as one comma-separated string such as the value of `ENCRYPTION_KEY=new,old`.
 * Every key is validated; errors say which entry is wrong (`key 2 of 3`)
 * and never contain a key.
 *
 * @example
 * const keyRing = createKeyRing(process.env.ENCRYPTION_KEY ?? '')
 * const token = keyRing.encrypt('hello')   // under the newest key
 * keyRing.decrypt(oldToken)                // any key in the ring
 * keyRing.rotate(oldToken)                 // newest key, same timestamp
 */
export function createKeyRing(
  keys: string | readonly FernetKeyInput[],
  options: FernetOptions = {},
): KeyRing {
  const list = typeof keys === 'string' ? keys.split(',') : keys
  return Ring.fromKeys(list, options, 'createKeyRing')
}
