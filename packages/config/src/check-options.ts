import { ConfigUsageError } from './errors/config-usage-error'

/** Throws a usage error unless `options` is an object (or left out). */
export function checkOptions(options: unknown, caller: string): void {
  if (typeof options === 'object' && options !== null) return
  throw new ConfigUsageError(
    `${caller}: options must be an object.`,
    'pass an object of options, or leave the argument out',
  )
}
