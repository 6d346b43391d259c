/**
 * Copies plain objects and arrays, so the loaded configuration shares
 * nothing with the defaults or schemas it came from. Other objects (class
 * instances a schema returned) are kept as they are.
 */
export function copyData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyData) as T
  if (!isPlainObject(value)) return value
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, key, {
      value: copyData(item),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return copy as T
}

/** Freezes `value` and everything reachable through its properties. */
export function deepFreeze<T>(
  value: T,
  seen: WeakSet<object> = new WeakSet(),
): T {
  if (typeof value !== 'object' || value === null || seen.has(value)) {
    return value
  }
  seen.add(value)
  Object.freeze(value)
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key)
    if (descriptor && 'value' in descriptor) deepFreeze(descriptor.value, seen)
  }
  return value
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
