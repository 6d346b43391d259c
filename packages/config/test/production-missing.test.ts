import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/index'
import { appConfig } from './fixtures/app-config'

describe('a production environment without its secrets', () => {
  it('throws one ConfigError naming all three missing secrets', () => {
    const env = {
      NODE_ENV: 'production',
      TK_FIXTURE_KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092',
    }
    let caught: unknown
    try {
      loadConfig(appConfig, env)
    } catch (error) {
      caught = error
    }

    expect(caught).toBeInstanceOf(ConfigError)
    const error = caught as ConfigError
    expect(error.environment).toBe('production')
    expect(error.issues.map((issue) => [issue.variable, issue.code])).toEqual([
      ['TK_FIXTURE_DATABASE_URL', 'missing'],
      ['TK_FIXTURE_TOKEN_KEYS', 'missing'],
      ['TK_FIXTURE_SESSION_SECRET', 'missing'],
    ])
    // The message names each variable with what is expected and the fix.
    expect(error.message).toMatch(/^Invalid configuration for production: 3/)
    for (const issue of error.issues) {
      expect(error.message).toContain(`- ${issue.variable}: missing`)
      expect(error.message).toContain(`expected: ${issue.expected}`)
      expect(error.message).toContain(`fix: ${issue.fix}`)
    }
  })

  it('treats an unset NODE_ENV as production and says so', () => {
    const error = captureError(() => loadConfig(appConfig, {}))

    expect(error.environment).toBe('production')
    expect(error.message).toContain('NODE_ENV is unset, which means production')
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'TK_FIXTURE_DATABASE_URL',
      'TK_FIXTURE_KAFKA_BROKERS',
      'TK_FIXTURE_TOKEN_KEYS',
      'TK_FIXTURE_SESSION_SECRET',
    ])
  })
})

function captureError(run: () => unknown): ConfigError {
  try {
    run()
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}
