import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// The spec's vectors live next to the checkout (../shared/vectors/fernet),
// unmodified; TENANTKIT_FERNET_VECTORS points elsewhere when needed.
const DIR =
  process.env.TENANTKIT_FERNET_VECTORS ??
  fileURLToPath(new URL('../../../../../shared/vectors/fernet', import.meta.url))

function load<T>(name: string): T[] {
  const file = `${DIR}/${name}`
  if (!existsSync(file)) {
    throw new Error(
      `Fernet spec vector ${file} not found: set TENANTKIT_FERNET_VECTORS ` +
        'to the folder holding generate.json, verify.json and invalid.json',
    )
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T[]
}

export interface GenerateVector {
  token: string
  now: string
  iv: number[]
  src: string
  secret: string
}
export interface VerifyVector {
  token: string
  now: string
  ttl_sec: number
  src: string
  secret: string
}
export interface InvalidVector {
  desc: string
  token: string
  now: string
  ttl_sec: number
  secret: string
}

/** The Fernet spec's acceptance vectors, read unmodified from disk. */
export const vectors: {
  generate: GenerateVector[]
  verify: VerifyVector[]
  invalid: InvalidVector[]
} = {
  generate: load('generate.json'),
  verify: load('verify.json'),
  invalid: load('invalid.json'),
}
