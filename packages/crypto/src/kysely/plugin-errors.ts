import { EncryptedColumnError } from '../errors/encrypted-column-error'
import type { EncryptedColumn } from './query-scope'

/** An encrypted column used where ciphertext cannot mean anything. */
export function forbiddenUse(
  target: EncryptedColumn,
  clause: string,
): EncryptedColumnError {
  return new EncryptedColumnError(
    'encrypted_column_in_expression',
    `${target.table}.${target.column} is encrypted and cannot be used in ` +
      `${clause}: each encryption of a value differs, so comparing, ` +
      'sorting, grouping or computing on the stored ciphertext gives wrong ' +
      'results.',
    {
      fix:
        'Filter and sort on other columns (an id, or a keyed hash stored ' +
        'next to the token), or compare revealed values in code. Only ' +
        '`is null` / `is not null` work on encrypted columns.',
    },
  )
}

/** A write that gives an encrypted column something other than a value. */
export function unusableValue(target: EncryptedColumn): EncryptedColumnError {
  return new EncryptedColumnError(
    'encrypted_column_needs_value',
    `${target.table}.${target.column} is encrypted, so it must be written ` +
      'with a plain value (text, bytes, a sealed value or null), not an ' +
      'SQL expression, a subquery or another column.',
    {
      fix:
        'Pass the value itself, e.g. .set({ access_token: token }); in an ' +
        'upsert, excluded.<same column> is also accepted.',
    },
  )
}
