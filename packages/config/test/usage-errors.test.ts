import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  ConfigError,
  ConfigUsageError,
  defineConfig,
  loadConfig,
  port,
  resolveEnvironment,
  secret,
  setting,
} from '../src/index'

function usageError(run: () => unknown): ConfigUsageError {
  try {
    run()
  } catch (error) {
    if (error instanceof ConfigUsageError) return error
    throw error
  }
  throw new Error('expected a ConfigUsageError')
}

describe('defineConfig', () => {
  it('refuses names that are not environment variable names', () => {
    for (const name of ['1PORT', 'MY-PORT', 'PORT ', '', '__proto__']) {
      const error = usageError(() =>
        defineConfig(Object.fromEntries([[name, port()]])),
      )
      expect(error.fix).toContain('letters, digits and underscores')
    }
  })

  it('refuses NODE_ENV, which loadConfig reads itself', () => {
    const error = usageError(() => defineConfig({ NODE_ENV: port() }))
    expect(error.fix).toContain('resolveEnvironment')
  })

  it('refuses values that are not entries, such as bare zod schemas', () => {
    const error = usageError(() =>
      defineConfig({ REGION: z.string() as never }),
    )
    expect(error.message).toContain('REGION is not a config entry')
    expect(error.fix).toContain('setting(schema)')
    expect(() => defineConfig(null as never)).toThrow(ConfigUsageError)
  })
})

describe('entries', () => {
  it('refuse a default on a secret, either way round', () => {
    expect(() => secret().default('x' as never)).toThrow(ConfigUsageError)
    expect(() => setting(z.string()).default('x').secret()).toThrow(
      /requiredInProduction/,
    )
  })

  it('refuse malformed arguments', () => {
    expect(() => port().default(undefined as never)).toThrow(/optional/)
    expect(() => port().requiredInProduction({} as never)).toThrow(
      ConfigUsageError,
    )
    expect(() => port().describe('')).toThrow(ConfigUsageError)
    expect(() => port().fix(42 as never)).toThrow(ConfigUsageError)
  })
})

describe('loadConfig', () => {
  it('refuses a definition it did not make', () => {
    const fake = { entries: { PORT: port() } }
    expect(() => loadConfig(fake as never, {})).toThrow(/defineConfig/)
  })

  it('refuses an env that is not an object', () => {
    const definition = defineConfig({ PORT: port() })
    for (const env of [null, 'PORT=1', ['PORT=1']]) {
      expect(() => loadConfig(definition, env as never)).toThrow(
        ConfigUsageError,
      )
      expect(() => resolveEnvironment(env as never)).toThrow(ConfigUsageError)
    }
  })

  it('reports values that are not strings, without quoting them', () => {
    const definition = defineConfig({ PORT: port() })
    const env = { NODE_ENV: 'test', PORT: 8080 as unknown as string }
    expect(() => loadConfig(definition, env)).toThrow(ConfigError)
  })

  it('refuses asynchronous schemas with a usage error', () => {
    const definition = defineConfig({
      REGION: setting(z.string().refine(async () => true)),
    })
    expect(() => loadConfig(definition, { NODE_ENV: 'test', REGION: 'eu' }))
      .toThrow(/asynchronous/)
  })

  it('carries a name, a fix and frozen issues on its errors', () => {
    const definition = defineConfig({ PORT: port() })
    try {
      loadConfig(definition, { NODE_ENV: 'test' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(Error)
      const configError = error as ConfigError
      expect(configError.name).toBe('ConfigError')
      expect(Object.isFrozen(configError.issues)).toBe(true)
      expect(Object.isFrozen(configError.issues[0])).toBe(true)
      expect(configError.issues[0]?.fix).toContain('set PORT')
    }
  })
})
