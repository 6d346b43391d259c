import { CryptoArgumentError } from '../errors/crypto-argument-error'
import { EncryptedColumnError } from '../errors/encrypted-column-error'
import type { KeyRing } from '../key-ring/key-ring'
import { isSealed, type Sealed } from '../sealed/sealed'
import { checkTables, type EncryptedTables } from './encrypted-tables'

/** Options of {@link createColumnCodec}. */
export interface ColumnCodecOptions {
  /**
   * Keys, newest first; the first one encrypts.
   * @example keyRing: createKeyRing(process.env.ENCRYPTION_KEY ?? '')
   */
  readonly keyRing: KeyRing
  /**
   * Which columns of which tables hold Fernet tokens, by table name as
   * queries spell it (add the schema, `billing.accounts`, if queries do).
   * Columns must be of a text type.
   * @example { crm_connections: ['access_token', 'refresh_token'] }
   */
  readonly tables: EncryptedTables
  /**
   * Derive a key per (tenant, table, column) so a token copied to another
   * tenant's row or another column fails to decrypt. Off by default:
   * plain Fernet tokens are what other services (Python) read directly.
   * With it on, every read and write needs the tenant id.
   * @default false
   * @example createColumnCodec({ keyRing, tables, contextBinding: true })
   */
  readonly contextBinding?: boolean
}

/** Where a value is stored; the tenant is needed with context binding. */
export interface ColumnTarget {
  readonly table: string
  readonly column: string
  readonly tenantId?: string | undefined
}

/**
 * Turns column values into stored tokens and back. The Kysely plugin is
 * built on it; use it directly with other database clients.
 */
export interface ColumnCodec {
  /** Whether keys are derived per tenant, table and column. */
  readonly contextBinding: boolean
  /** The declared tables and their encrypted columns. */
  readonly tables: EncryptedTables
  /** True when `table.column` is declared encrypted. */
  isEncrypted(table: string, column: string): boolean
  /**
   * The value to store: a token for text or bytes, the unchanged token of
   * a sealed value this ring can decrypt (read-modify-write never encrypts
   * twice), `null` for `null`.
   * @example codec.encode({ table: 'crm_connections', column: 'access_token' }, t)
   */
  encode(target: ColumnTarget, value: unknown): string | null
  /**
   * A stored value as a {@link Sealed} value (`null` stays `null`), after
   * checking it is a token of this ring; anything else, plaintext left
   * over or a foreign value, throws {@link EncryptedColumnError}.
   */
  decode(target: ColumnTarget, stored: unknown): Sealed | null
  /** Like {@link ColumnCodec.decode}, decrypted at once to text. */
  decodeToPlaintext(target: ColumnTarget, stored: unknown): string | null
  /** The key ring that encrypts `target` (derived with context binding). */
  keyRingFor(target: ColumnTarget): KeyRing
}

/**
 * Creates the codec for the declared encrypted columns.
 *
 * @example
 * const codec = createColumnCodec({
 *   keyRing: createKeyRing(process.env.ENCRYPTION_KEY ?? ''),
 *   tables: { crm_connections: ['access_token', 'refresh_token'] },
 * })
 */
export function createColumnCodec(options: ColumnCodecOptions): ColumnCodec {
  if (typeof options !== 'object' || options === null) {
    throw new CryptoArgumentError(
      'createColumnCodec: options must be an object.',
      'Pass { keyRing, tables }.',
    )
  }
  const keyRing: Partial<KeyRing> | undefined = options.keyRing
  if (typeof keyRing?.forContext !== 'function') {
    throw new CryptoArgumentError(
      'createColumnCodec: keyRing must be a key ring made by createKeyRing.',
      'Pass keyRing: createKeyRing(process.env.ENCRYPTION_KEY).',
    )
  }
  const tables = checkTables(options.tables, 'createColumnCodec')
  const bound = options.contextBinding ?? false
  if (typeof bound !== 'boolean') {
    throw new CryptoArgumentError(
      'createColumnCodec: contextBinding must be true or false.',
      'Leave it out (off) or pass true to bind tokens to tenant and column.',
    )
  }
  return new Codec(options.keyRing, tables, bound)
}

class Codec implements ColumnCodec {
  readonly #keyRing: KeyRing
  readonly #columns: ReadonlyMap<string, ReadonlySet<string>>
  readonly tables: EncryptedTables
  readonly contextBinding: boolean

  constructor(keyRing: KeyRing, tables: EncryptedTables, bound: boolean) {
    this.#keyRing = keyRing
    this.tables = tables
    this.contextBinding = bound
    this.#columns = new Map(
      Object.entries(tables).map(([table, cols]) => [table, new Set(cols)]),
    )
  }

  isEncrypted(table: string, column: string): boolean {
    return this.#columns.get(table)?.has(column) ?? false
  }

  keyRingFor(target: ColumnTarget): KeyRing {
    if (typeof target !== 'object' || target === null) {
      throw new CryptoArgumentError(
        'A column target must be an object { table, column, tenantId? }.',
        "Pass e.g. { table: 'crm_connections', column: 'access_token' }.",
      )
    }
    const name = `${target.table}.${target.column}`
    if (!this.isEncrypted(target.table, target.column)) {
      throw new CryptoArgumentError(
        `${name} is not declared as an encrypted column.`,
        'Add the column to the `tables` option of the codec or plugin.',
      )
    }
    if (!this.contextBinding) return this.#keyRing
    if (typeof target.tenantId !== 'string' || target.tenantId === '') {
      throw new EncryptedColumnError(
        'tenant_required',
        `${name} is encrypted with context binding, which needs the tenant id.`,
        {
          fix:
            'Create the plugin per tenant (tenantId option) or pass ' +
            'tenantId to the codec.',
        },
      )
    }
    return this.#keyRing.forContext({
      tenantId: target.tenantId,
      table: target.table,
      column: target.column,
    })
  }

  encode(target: ColumnTarget, value: unknown): string | null {
    if (value === null) return null
    const ring = this.keyRingFor(target)
    if (isSealed(value)) {
      return ring.verify(value.ciphertext)
        ? value.ciphertext
        : ring.encrypt(value.revealBytes())
    }
    if (typeof value === 'string' || value instanceof Uint8Array) {
      return ring.encrypt(value)
    }
    throw new EncryptedColumnError(
      'unencryptable_value',
      `${target.table}.${target.column} is encrypted and can only store ` +
        `text, bytes, a sealed value or null, not ${kind(value)}.`,
      { fix: 'Convert the value to a string (e.g. JSON.stringify) first.' },
    )
  }

  decode(target: ColumnTarget, stored: unknown): Sealed | null {
    if (stored === null || stored === undefined) return null
    const ring = this.keyRingFor(target)
    const token = stored instanceof Uint8Array
      ? Buffer.from(stored).toString('latin1')
      : stored
    if (typeof token !== 'string') throw invalidStoredValue(target, undefined)
    try {
      return ring.toSealed(token)
    } catch (error) {
      throw invalidStoredValue(target, error)
    }
  }

  decodeToPlaintext(target: ColumnTarget, stored: unknown): string | null {
    return this.decode(target, stored)?.reveal() ?? null
  }
}

function invalidStoredValue(
  target: ColumnTarget,
  cause: unknown,
): EncryptedColumnError {
  return new EncryptedColumnError(
    'invalid_stored_value',
    `${target.table}.${target.column} holds a value that is not a token ` +
      'of this key ring (plaintext left over, a value from elsewhere, or a ' +
      'token under a key missing from the ring).',
    {
      fix:
        'Encrypt leftover plaintext with encryptPlaintextColumn, and keep ' +
        'every key still in use in the key ring.',
      cause,
    },
  )
}

function kind(value: unknown): string {
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
