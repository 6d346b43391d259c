import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  databaseUrl,
  defineConfig,
  DEVELOPMENT_DATABASE_URL,
  DEVELOPMENT_FERNET_KEYS,
  DEVELOPMENT_SECRET,
  loadConfig,
  resolveEnvironment,
  secret,
} from '../src/index'
import { appConfig } from './fixtures/app-config'
import { captureConfigError, problems } from './helpers'

describe('NODE_ENV', () => {
  it('is production when unset or empty', () => {
    expect(resolveEnvironment({})).toBe('production')
    expect(resolveEnvironment({ NODE_ENV: '' })).toBe('production')
    expect(resolveEnvironment({ NODE_ENV: '  ' })).toBe('production')
  })

  it('accepts exactly production, development and test', () => {
    for (const name of ['production', 'development', 'test'] as const) {
      expect(resolveEnvironment({ NODE_ENV: name })).toBe(name)
    }
  })

  it('rejects any other value, and loadConfig checks it as production', () => {
    for (const value of ['staging', 'prod', 'Production', 'dev', ' test']) {
      const error = captureConfigError(() =>
        resolveEnvironment({ NODE_ENV: value }),
      )
      expect(problems(error)).toEqual([['NODE_ENV', 'invalid']])
      expect(error.issues[0]?.expected).toContain('production, development')
    }
    // Alongside NODE_ENV, every production rule applies to the rest.
    const error = captureConfigError(() =>
      loadConfig(appConfig, { NODE_ENV: 'staging' }),
    )
    expect(error.environment).toBe('production')
    expect(problems(error)).toEqual([
      ['NODE_ENV', 'invalid'],
      ['TK_FIXTURE_DATABASE_URL', 'missing'],
      ['TK_FIXTURE_KAFKA_BROKERS', 'missing'],
      ['TK_FIXTURE_TOKEN_KEYS', 'missing'],
      ['TK_FIXTURE_SESSION_SECRET', 'missing'],
    ])
  })

  it('reads process.env when no env is given', () => {
    // vitest runs with NODE_ENV=test, so the test defaults apply.
    expect(process.env['NODE_ENV']).toBe('test')
    expect(resolveEnvironment()).toBe('test')
    expect(loadConfig(appConfig).TK_FIXTURE_PORT).toBe(3000)
  })
})

describe('development and test', () => {
  it('start with no secret set, on the development defaults', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const config = loadConfig(appConfig, { NODE_ENV })
      expect(config.TK_FIXTURE_DATABASE_URL.reveal()).toBe(
        DEVELOPMENT_DATABASE_URL,
      )
      expect(config.TK_FIXTURE_TOKEN_KEYS.reveal()).toEqual(
        DEVELOPMENT_FERNET_KEYS,
      )
      expect(config.TK_FIXTURE_SESSION_SECRET.reveal()).toBe(
        DEVELOPMENT_SECRET,
      )
      expect(config.TK_FIXTURE_KAFKA_BROKERS).toEqual(['127.0.0.1:9092'])
      expect(config.TK_FIXTURE_AUDIT).toBe(true)
      expect(config.TK_FIXTURE_REGION).toBe('eu')
    }
  })

  it('use the test default in test when one is given', () => {
    const definition = defineConfig({
      SIGNING_SECRET: secret().requiredInProduction({
        development: 'development-only-signing-secret',
        test: 'test-only-signing-secret-value',
      }),
    })
    const reveal = (NODE_ENV: string) =>
      loadConfig(definition, { NODE_ENV }).SIGNING_SECRET.reveal()
    expect(reveal('development')).toBe('development-only-signing-secret')
    expect(reveal('test')).toBe('test-only-signing-secret-value')
  })

  it('leave undefined what production requires without defaults', () => {
    const definition = defineConfig({
      DATABASE_URL: databaseUrl().requiredInProduction(),
    })
    expect(
      loadConfig(definition, { NODE_ENV: 'development' }).DATABASE_URL,
    ).toBeUndefined()
    const error = captureConfigError(() =>
      loadConfig(definition, { NODE_ENV: 'production' }),
    )
    expect(problems(error)).toEqual([['DATABASE_URL', 'missing']])
    expect(error.issues[0]?.fix).toContain(
      'only development and test have a default',
    )
  })

  it('still validate the values that are set', () => {
    const error = captureConfigError(() =>
      loadConfig(appConfig, {
        NODE_ENV: 'development',
        TK_FIXTURE_PORT: '70000',
        TK_FIXTURE_AUDIT: 'maybe',
      }),
    )
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.environment).toBe('development')
    expect(problems(error)).toEqual([
      ['TK_FIXTURE_PORT', 'invalid'],
      ['TK_FIXTURE_AUDIT', 'invalid'],
    ])
  })
})
