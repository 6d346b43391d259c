import { randomBytes } from 'node:crypto'
import { format, inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  databaseUrl,
  defineConfig,
  fernetKeyList,
  isSecret,
  loadConfig,
  port,
  secret,
  setting,
  type Secret,
} from '../src/index'
import { captureConfigError, capturingConsole } from './helpers'

const key = () => randomBytes(32).toString('base64url') + '='

// Distinctive values: if any of them shows up in any output, it leaked.
const DB_PASSWORD = 'Pw-db-7f3a9c-zebra-quartz'
const SESSION = 'session-K9xW2-ultraviolet-marmot-4411'
const KEYS = [key(), key()]
const API_TOKEN = 'tok_live_8d1e55-wombat-lantern'

const definition = defineConfig({
  PORT: port().default(8080),
  DATABASE_URL: databaseUrl(),
  TOKEN_KEYS: fernetKeyList(),
  SESSION_SECRET: secret({ minLength: 20 }),
  API_TOKEN: setting(z.string().min(10)).secret(),
})

const good = {
  NODE_ENV: 'production',
  DATABASE_URL: `postgres://app:${DB_PASSWORD}@db.internal:5432/app`,
  TOKEN_KEYS: KEYS.join(','),
  SESSION_SECRET: SESSION,
  API_TOKEN,
}

/** Every fragment that must never be printed. */
function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((value) => text.includes(value))
}

/** Everything a developer might print about `value`. */
function renderings(value: unknown): string[] {
  const { console, text } = capturingConsole()
  console.log(value)
  console.info('%s %o %O %j', value, value, value, value)
  console.error(value)
  console.dir(value, { depth: null, showHidden: true })
  console.table(value)
  return [
    text(),
    inspect(value, { depth: Infinity, showHidden: true }),
    inspect(value, { depth: Infinity, customInspect: false }),
    format('%s %o %O %j', value, value, value, value),
    JSON.stringify(value) ?? '',
    JSON.stringify(structuredClone(value)) ?? '',
  ]
}

describe('a loaded configuration', () => {
  const config = loadConfig(definition, good)
  const all = [DB_PASSWORD, SESSION, ...KEYS, API_TOKEN]

  it('prints no secret through console, inspect, format or JSON', () => {
    for (const output of renderings(config)) {
      expect(leaks(output, all)).toEqual([])
    }
    expect(JSON.stringify(config)).toBe(
      '{"PORT":8080,"DATABASE_URL":"[redacted]","TOKEN_KEYS":"[redacted]",' +
        '"SESSION_SECRET":"[redacted]","API_TOKEN":"[redacted]"}',
    )
  })

  it('prints no secret when a secret is coerced or taken apart', () => {
    const secrets: Secret<unknown>[] = [
      config.DATABASE_URL,
      config.TOKEN_KEYS,
      config.SESSION_SECRET,
      config.API_TOKEN,
    ]
    for (const value of secrets) {
      const texts = [
        String(value),
        value.toString(),
        `${String(value)}`,
        `${value as unknown as string}`,
        (value as unknown as string) + '',
        Object.prototype.toString.call(value),
        JSON.stringify(Object.entries(value)),
        JSON.stringify(Object.getOwnPropertyNames(value)),
        ...renderings(value),
      ]
      for (const text of texts) expect(leaks(text, all)).toEqual([])
      expect(String(value)).toBe('[redacted]')
      expect(inspect(value)).toBe('Secret([redacted])')
    }
  })

  it('still gives the app every secret when asked by name', () => {
    expect(isSecret(config.DATABASE_URL)).toBe(true)
    expect(config.DATABASE_URL.reveal()).toBe(good.DATABASE_URL)
    expect(config.TOKEN_KEYS.reveal()).toEqual(KEYS)
    expect(config.SESSION_SECRET.reveal()).toBe(SESSION)
    expect(config.API_TOKEN.reveal()).toBe(API_TOKEN)
    expect(config.PORT).toBe(8080)
  })
})

describe('a configuration error', () => {
  // Every value below is wrong; the error must say why without quoting.
  const bad = {
    NODE_ENV: 'production',
    PORT: 'port-3f9e-walrus',
    DATABASE_URL: `mysql://root:${DB_PASSWORD}@db.internal/app`,
    TOKEN_KEYS: `${KEYS[0]},not-a-key-${SESSION}`,
    SESSION_SECRET: 'short-Q9x7',
    API_TOKEN: 'tiny-tok',
  }
  const quoting = defineConfig({
    // A careless custom message that quotes its input.
    REGION: setting(
      z.string().refine(() => false, {
        error: (issue) => `unknown region ${String(issue.input)}`,
      }),
    ).secret(),
    // A transform that throws with the value in its message.
    SETTINGS_JSON: setting(
      z.string().transform((text) => JSON.parse(text) as unknown),
    ).secret(),
  })
  const wrongValues = [
    ...Object.values(bad).slice(1),
    DB_PASSWORD,
    SESSION,
    ...KEYS,
  ]

  it('quotes none of the values it rejected', () => {
    const error = captureConfigError(() => loadConfig(definition, bad))
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'PORT',
      'DATABASE_URL',
      'TOKEN_KEYS',
      'SESSION_SECRET',
      'API_TOKEN',
    ])
    const texts = [
      error.message,
      String(error),
      error.stack ?? '',
      JSON.stringify(error),
      JSON.stringify(error.issues),
      ...renderings(error),
    ]
    for (const text of texts) expect(leaks(text, wrongValues)).toEqual([])
  })

  it('removes values from custom messages and thrown errors', () => {
    const region = 'atlantis-7c2e-region'
    const json = '{"password":"json-b81d-heron"'
    const error = captureConfigError(() =>
      loadConfig(quoting, { NODE_ENV: 'test', REGION: region,
        SETTINGS_JSON: json }),
    )
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'REGION',
      'SETTINGS_JSON',
    ])
    expect(error.issues[0]?.expected).toBe('unknown region [redacted]')
    for (const text of [error.message, inspect(error), ...renderings(error)]) {
      expect(leaks(text, [region, 'json-b81d-heron'])).toEqual([])
    }
  })
})
