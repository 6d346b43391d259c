import { CryptoArgumentError } from '../errors/crypto-argument-error'
import type { DecryptOptions, FernetOptions } from '../fernet/fernet'

/** Checks the options object of createFernet / createKeyRing. */
export function checkOptions(options: FernetOptions, caller: string): void {
  if (typeof options !== 'object' || options === null) {
    throw new CryptoArgumentError(
      `${caller}: options must be an object.`,
      'Pass { clock?, generateIv? } or leave the options out.',
    )
  }
  for (const name of ['clock', 'generateIv'] as const) {
    const value: unknown = options[name]
    if (value !== undefined && typeof value !== 'function') {
      throw new CryptoArgumentError(
        `${caller}: option ${name} must be a function, got ${typeof value}.`,
        `Pass a function as ${name}, or remove the option.`,
      )
    }
  }
}

/** The TTL in seconds, or undefined when none is set. */
export function checkTtl(options: DecryptOptions | undefined): number | undefined {
  if (options === undefined) return undefined
  if (typeof options !== 'object' || options === null) {
    throw new CryptoArgumentError(
      'decrypt: options must be an object such as { ttl: 60 }.',
      'Pass { ttl } or leave the options out.',
    )
  }
  const ttl: unknown = options.ttl
  if (ttl === undefined) return undefined
  if (typeof ttl !== 'number' || !Number.isSafeInteger(ttl) || ttl < 0) {
    throw new CryptoArgumentError(
      'decrypt: ttl must be a whole number of seconds >= 0.',
      'Pass the maximum token age in seconds, or leave ttl out.',
    )
  }
  return ttl
}

/** Plaintext as bytes: strings are encoded as UTF-8. */
export function toBytes(plaintext: string | Uint8Array, caller: string): Uint8Array {
  if (typeof plaintext === 'string') return Buffer.from(plaintext, 'utf8')
  if (plaintext instanceof Uint8Array) return plaintext
  throw new CryptoArgumentError(
    `${caller}: plaintext must be a string or a Uint8Array, got ${
      plaintext === null ? 'null' : typeof plaintext
    }.`,
    'Convert the value to a string (e.g. JSON.stringify) before encrypting.',
  )
}
