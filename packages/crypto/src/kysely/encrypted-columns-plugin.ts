import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'
import {
  createColumnCodec,
  type ColumnCodec,
  type ColumnCodecOptions,
} from '../column/column-codec'
import { CryptoArgumentError } from '../errors/crypto-argument-error'
import { EncryptedColumnError } from '../errors/encrypted-column-error'
import type { KeyRing } from '../key-ring/key-ring'
import type { EncryptedTables } from '../column/encrypted-tables'
import { WriteEncryptor } from './encrypt-writes'
import { analyzeQuery } from './query-analysis'
import type { EncryptedColumn } from './query-scope'

/** Options of {@link createEncryptedColumnsPlugin}. */
export interface EncryptedColumnsPluginOptions {
  /**
   * A codec made once with {@link createColumnCodec}; preferred when a
   * plugin is made per request or per tenant. Give either `codec` or
   * `keyRing` and `tables`.
   * @default undefined (made from keyRing and tables)
   * @example createEncryptedColumnsPlugin({ codec, tenantId })
   */
  readonly codec?: ColumnCodec
  /**
   * Keys, newest first (see {@link ColumnCodecOptions.keyRing}).
   * @example keyRing: createKeyRing(process.env.ENCRYPTION_KEY ?? '')
   */
  readonly keyRing?: KeyRing
  /**
   * Encrypted columns by table.
   * @example { crm_connections: ['access_token', 'refresh_token'] }
   */
  readonly tables?: EncryptedTables
  /**
   * Bind tokens to tenant, table and column (see
   * {@link ColumnCodecOptions.contextBinding}).
   * @default false
   * @example createEncryptedColumnsPlugin({ keyRing, tables, contextBinding: true, tenantId })
   */
  readonly contextBinding?: boolean
  /**
   * The tenant every query of this plugin works for. Required with
   * context binding: create the plugin per tenant and attach it with
   * `db.withPlugin(...)` for that tenant's queries.
   * @default undefined (needed only with context binding)
   * @example createEncryptedColumnsPlugin({ codec, tenantId: session.tenantId })
   */
  readonly tenantId?: string
  /**
   * How encrypted columns come back: `'sealed'` values that decrypt on
   * `reveal()`, or `'plaintext'` strings decrypted at once.
   * @default 'sealed'
   * @example createEncryptedColumnsPlugin({ keyRing, tables, read: 'plaintext' })
   */
  readonly read?: 'sealed' | 'plaintext'
}

/**
 * A Kysely plugin that encrypts declared columns on INSERT, UPDATE, upsert
 * and MERGE, returns them sealed (or as plaintext) from SELECT and
 * RETURNING, and refuses queries that would filter, sort or compute on
 * ciphertext. Columns must be of a text type.
 *
 * @example
 * const db = new Kysely<DB>({ dialect }).withPlugin(
 *   createEncryptedColumnsPlugin({
 *     keyRing: createKeyRing(process.env.ENCRYPTION_KEY ?? ''),
 *     tables: { crm_connections: ['access_token', 'refresh_token'] },
 *   }),
 * )
 * await db.insertInto('crm_connections').values({ id, access_token }).execute()
 * const row = await db.selectFrom('crm_connections').selectAll().executeTakeFirstOrThrow()
 * row.access_token.reveal() // the plaintext, only here
 */
export function createEncryptedColumnsPlugin(
  options: EncryptedColumnsPluginOptions,
): KyselyPlugin {
  if (typeof options !== 'object' || options === null) {
    throw new CryptoArgumentError(
      'createEncryptedColumnsPlugin: options must be an object.',
      'Pass { keyRing, tables } or { codec }.',
    )
  }
  const codec = options.codec ?? createColumnCodec(codecOptions(options))
  if (!isCodec(codec)) {
    throw new CryptoArgumentError(
      'createEncryptedColumnsPlugin: codec must come from createColumnCodec.',
      'Pass codec: createColumnCodec({ keyRing, tables }), or keyRing and tables.',
    )
  }
  const read = options.read ?? 'sealed'
  if (read !== 'sealed' && read !== 'plaintext') {
    throw new CryptoArgumentError(
      "createEncryptedColumnsPlugin: read must be 'sealed' or 'plaintext'.",
      "Leave read out for sealed values, or pass 'plaintext'.",
    )
  }
  const tenantId = options.tenantId
  if (codec.contextBinding && (typeof tenantId !== 'string' || tenantId === '')) {
    throw new EncryptedColumnError(
      'tenant_required',
      'createEncryptedColumnsPlugin: context binding is on, so the plugin ' +
        'needs the tenant id of the queries it will see.',
      {
        fix:
          'Create the plugin per tenant: db.withPlugin(' +
          'createEncryptedColumnsPlugin({ codec, tenantId })).',
      },
    )
  }
  return new EncryptedColumnsPlugin(codec, tenantId, read)
}

function isCodec(codec: unknown): codec is ColumnCodec {
  const methods = ['isEncrypted', 'encode', 'decode', 'decodeToPlaintext', 'keyRingFor']
  if (typeof codec !== 'object' || codec === null) return false
  const members = codec as Record<string, unknown>
  return typeof members['tables'] === 'object' && members['tables'] !== null &&
    methods.every((m) => typeof members[m] === 'function')
}

function codecOptions(options: EncryptedColumnsPluginOptions): ColumnCodecOptions {
  if (options.keyRing === undefined || options.tables === undefined) {
    throw new CryptoArgumentError(
      'createEncryptedColumnsPlugin: give either codec, or keyRing and tables.',
      "Pass { keyRing, tables: { crm_connections: ['access_token'] } }.",
    )
  }
  return {
    keyRing: options.keyRing,
    tables: options.tables,
    ...(options.contextBinding === undefined
      ? {}
      : { contextBinding: options.contextBinding }),
  }
}

class EncryptedColumnsPlugin implements KyselyPlugin {
  readonly #codec: ColumnCodec
  readonly #tenantId: string | undefined
  readonly #read: 'sealed' | 'plaintext'
  readonly #writer: WriteEncryptor
  readonly #outputs = new WeakMap<QueryId, Map<string, EncryptedColumn>>()

  constructor(codec: ColumnCodec, tenantId: string | undefined, read: 'sealed' | 'plaintext') {
    this.#codec = codec
    this.#tenantId = tenantId
    this.#read = read
    this.#writer = new WriteEncryptor(codec, tenantId)
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const outputs = analyzeQuery(args.node, this.#codec)
    if (outputs.size > 0) this.#outputs.set(args.queryId, outputs)
    return this.#writer.transformNode(args.node, args.queryId)
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const outputs = this.#outputs.get(args.queryId)
    const { result } = args
    if (outputs === undefined || !result.rows) return result
    const rows = result.rows.map((row) => this.#decodeRow(row, outputs))
    return { ...result, rows }
  }

  #decodeRow(row: UnknownRow, outputs: Map<string, EncryptedColumn>): UnknownRow {
    const copy: Record<string, unknown> = { ...row }
    for (const [name, column] of outputs) {
      if (!(name in copy)) continue
      const target = { ...column, tenantId: this.#tenantId }
      copy[name] = this.#read === 'sealed'
        ? this.#codec.decode(target, copy[name])
        : this.#codec.decodeToPlaintext(target, copy[name])
    }
    return copy
  }
}
