import type { ColumnType } from 'kysely'
import type { Sealed } from '../sealed/sealed'

/**
 * Kysely column type of an encrypted `text not null` column: selected as
 * {@link Sealed}, written as text or a sealed value.
 *
 * @example
 * interface CrmConnections { id: Generated<number>; access_token: SealedColumn }
 */
export type SealedColumn = ColumnType<Sealed, string | Sealed, string | Sealed>

/** Kysely column type of a nullable encrypted column. */
export type NullableSealedColumn = ColumnType<
  Sealed | null,
  string | Sealed | null | undefined,
  string | Sealed | null
>
