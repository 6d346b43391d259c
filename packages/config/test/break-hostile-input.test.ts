import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  ConfigUsageError,
  databaseUrl,
  defineConfig,
  integer,
  loadConfig,
  port,
  readEnvFile,
  resolveEnvironment,
  secret,
  setting,
  url,
} from '../src/index'
import { captureConfigError, problems } from './helpers'

const strong = () => randomBytes(24).toString('base64url')

describe('a DATABASE_URL password with a stray %', () => {
  const definition = defineConfig({ DATABASE_URL: databaseUrl() })

  // node-postgres takes such a password literally, so it is a valid value.
  it('loads in production instead of throwing a URIError', () => {
    for (const password of [`100%${strong()}`, `%zz${strong()}`]) {
      const env = {
        NODE_ENV: 'production',
        DATABASE_URL: `postgres://app:${password}@db.internal:5432/app`,
      }
      expect(loadConfig(definition, env).DATABASE_URL.reveal())
        .toBe(env.DATABASE_URL)
    }
  })

  it('is still refused when the literal password is a placeholder', () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app:changeme%@db.internal:5432/app',
    }
    const error = captureConfigError(() => loadConfig(definition, env))
    expect(problems(error)).toEqual([['DATABASE_URL', 'insecure']])
  })
})

describe('variables inherited from Object.prototype', () => {
  const polluted = Object.prototype as Record<string, unknown>
  afterEach(() => {
    delete polluted['NODE_ENV']
    delete polluted['API_TOKEN']
  })

  it('never turn production into development', () => {
    polluted['NODE_ENV'] = 'development'
    const definition = defineConfig({
      API_TOKEN: secret().requiredInProduction({ development: strong() }),
    })
    expect(resolveEnvironment({})).toBe('production')
    const error = captureConfigError(() => loadConfig(definition, {}))
    expect(error.environment).toBe('production')
    expect(problems(error)).toEqual([['API_TOKEN', 'missing']])
  })

  it('are not read as values', () => {
    polluted['API_TOKEN'] = strong()
    const definition = defineConfig({ API_TOKEN: secret().optional() })
    expect(loadConfig(definition, { NODE_ENV: 'test' }).API_TOKEN)
      .toBeUndefined()
  })

  it('such as toString or constructor count as unset', () => {
    const definition = defineConfig({
      constructor: port().optional(),
      toString: port().default(80),
    })
    const config = loadConfig(definition, { NODE_ENV: 'test' })
    expect([config.constructor, config.toString]).toEqual([undefined, 80])
  })

  it('still leave a Proxy that only has a get trap usable', () => {
    const source: Record<string, string> = { NODE_ENV: 'test', PORT: '81' }
    const env = new Proxy({}, { get: (_, name) => source[String(name)] })
    const definition = defineConfig({ PORT: port() })
    expect(loadConfig(definition, env).PORT).toBe(81)
  })
})

describe('a custom schema whose fix quotes the value', () => {
  it('has the value redacted from the fix as well', () => {
    const value = strong()
    const schema = z.string().superRefine((raw, ctx) => {
      ctx.addIssue({ code: 'custom', message: 'no', params: { fix: raw } })
    })
    const definition = defineConfig({ TOKEN: setting(schema).secret() })
    const error = captureConfigError(() =>
      loadConfig(definition, { NODE_ENV: 'test', TOKEN: value }),
    )
    expect(error.issues[0]?.fix).not.toContain(value)
    expect(error.message).not.toContain(value)
  })
})

describe('options of the wrong type', () => {
  it('throw ConfigUsageError, not TypeError', () => {
    const calls: Array<() => unknown> = [
      () => secret(null as never),
      () => url(null as never),
      () => integer(null as never),
      () => setting(z.string(), null as never),
      () => readEnvFile('/nonexistent/tenantkit/.env', null as never),
      () => secret('16' as never),
    ]
    for (const call of calls) {
      expect(call).toThrow(ConfigUsageError)
      expect(call).toThrow(/options must be an object/)
    }
  })
})
