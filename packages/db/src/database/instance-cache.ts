/**
 * A bounded map of the Kysely instances handed out per tenant id, so a
 * request path calling `forTenant(id)` for every statement does not
 * rebuild an instance, its driver wrapper, its plugins and its encoded
 * prelude each time. When full, the oldest entry goes first; a dropped
 * instance keeps working for whoever still holds it.
 */
export class InstanceCache<V> {
  readonly #limit: number
  readonly #entries = new Map<string, V>()

  constructor(limit: number) {
    this.#limit = limit
  }

  /** The cached value for `key`, or the one `create` builds (then cached). */
  get(key: string, create: () => V): V {
    const cached = this.#entries.get(key)
    if (cached !== undefined) return cached
    const value = create()
    if (this.#entries.size >= this.#limit) {
      const oldest = this.#entries.keys().next()
      if (!oldest.done) this.#entries.delete(oldest.value)
    }
    this.#entries.set(key, value)
    return value
  }

  /** Forgets `key` if it still maps to `value` (a destroyed instance). */
  forget(key: string, value: V): void {
    if (this.#entries.get(key) === value) this.#entries.delete(key)
  }
}
