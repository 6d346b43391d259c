/** The text a secret shows wherever it would otherwise be printed. */
export const REDACTED = '[redacted]'

/**
 * A value that stays hidden until the app asks for it by name.
 *
 * `console.log`, `util.inspect`, `JSON.stringify`, `String()` and template
 * literals all print `[redacted]`; only {@link Secret.reveal} returns the
 * value. The type is not assignable to `T`, so passing a secret where the
 * plain value is expected fails at compile time instead of leaking.
 *
 * @example
 * const pool = new pg.Pool({ connectionString: config.DATABASE_URL.reveal() })
 */
export interface Secret<T> {
  /** Returns the value itself, where it is used; never to log it. */
  reveal(): T
  /** Always `'[redacted]'`. */
  toString(): string
  /** Always `'[redacted]'`, so `JSON.stringify` never prints the value. */
  toJSON(): string
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom')
// A registered symbol, so the ESM and CommonJS builds recognise each
// other's secrets when an app loads both.
const brand = Symbol.for('@tenantkit/config.secret')

class SecretBox<T> implements Secret<T> {
  readonly #value: T

  constructor(value: T) {
    this.#value = value
    Object.freeze(this)
  }

  reveal(): T {
    return this.#value
  }

  toString(): string {
    return REDACTED
  }

  toJSON(): string {
    return REDACTED
  }

  [Symbol.toPrimitive](): string {
    return REDACTED
  }

  get [brand](): true {
    return true
  }

  get [Symbol.toStringTag](): string {
    return 'Secret'
  }

  [inspectSymbol](): string {
    return `Secret(${REDACTED})`
  }
}

/**
 * Wraps `value` so that it is never printed by accident. `loadConfig` does
 * this for every entry marked secret; apps may use it for their own values.
 *
 * @example
 * const token = createSecret(await vault.read('crm-token'))
 * console.log(token) // Secret([redacted])
 */
export function createSecret<T>(value: T): Secret<T> {
  return new SecretBox(value)
}

/**
 * Tells whether `value` was made by {@link createSecret} (or `loadConfig`).
 *
 * @example
 * if (isSecret(value)) use(value.reveal())
 */
export function isSecret(value: unknown): value is Secret<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [brand]?: unknown })[brand] === true
  )
}
