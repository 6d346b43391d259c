import type { Secret } from './secret'

/** `T` with every nested array and object made read-only. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends (...args: never[]) => unknown
      ? T
      : T extends object
        ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
        : T

/** What a secret entry of value type `T` loads as. */
export type SecretValue<T> = undefined extends T
  ? Secret<DeepReadonly<Exclude<T, undefined>>> | undefined
  : Secret<DeepReadonly<T>>

/** Defaults that apply only outside production. */
export interface ProductionDefaults<T> {
  /** Used in development, and in test unless `test` is given. */
  readonly development: DeepReadonly<T>
  /**
   * Used in test.
   * @default development
   */
  readonly test?: DeepReadonly<T>
}
