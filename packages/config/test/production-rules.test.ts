import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  databaseUrl,
  defineConfig,
  DEVELOPMENT_DATABASE_URL,
  DEVELOPMENT_FERNET_KEY,
  DEVELOPMENT_FERNET_KEYS,
  DEVELOPMENT_SECRET,
  fernetKey,
  fernetKeyList,
  kafkaBrokers,
  loadConfig,
  port,
  secret,
  setting,
} from '../src/index'
import { captureConfigError, problems } from './helpers'

const key = () => randomBytes(32).toString('base64url') + '='
const production = (env: Record<string, string>) => ({
  NODE_ENV: 'production',
  ...env,
})

describe('empty values', () => {
  const definition = defineConfig({
    API_TOKEN: secret(),
    PORT: port().default(3000),
    REGION: setting(z.string()).optional(),
  })

  it('count as missing in every environment', () => {
    for (const NODE_ENV of ['production', 'development', 'test']) {
      for (const empty of ['', ' ', '\t\n']) {
        const error = captureConfigError(() =>
          loadConfig(definition, { NODE_ENV, API_TOKEN: empty }),
        )
        expect(problems(error)).toEqual([['API_TOKEN', 'missing']])
      }
    }
  })

  it('fall back to the default or to undefined, never to ""', () => {
    const config = loadConfig(definition, {
      NODE_ENV: 'production',
      API_TOKEN: key(),
      PORT: '',
      REGION: '  ',
    })
    expect(config.PORT).toBe(3000)
    expect(config.REGION).toBeUndefined()
  })
})

describe('placeholders', () => {
  const definition = defineConfig({
    SESSION_SECRET: secret({ minLength: 4 }),
    REGION: setting(z.string()),
  })

  it('are refused in production', () => {
    const secrets = ['changeme', 'CHANGE_ME', 'replace-me', 'todo', 'xxxxxx',
      '<your-secret>', '${SESSION_SECRET}', 'your-secret-here', 'password',
      'secret', 'test', 'a-changeme-b', 'use-a-placeholder']
    for (const value of secrets) {
      const error = captureConfigError(() =>
        loadConfig(definition, production({
          SESSION_SECRET: value,
          REGION: 'changeme',
        })),
      )
      expect(problems(error), value).toEqual([
        ['SESSION_SECRET', 'insecure'],
        ['REGION', 'insecure'],
      ])
    }
  })

  it('are accepted in development and test', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const config = loadConfig(definition, {
        NODE_ENV,
        SESSION_SECRET: 'changeme',
        REGION: 'changeme',
      })
      expect(config.SESSION_SECRET.reveal()).toBe('changeme')
    }
  })

  it('are refused as a database password in production', () => {
    const definition = defineConfig({ DATABASE_URL: databaseUrl() })
    for (const password of ['changeme', 'password', 'change%5Fme']) {
      const error = captureConfigError(() =>
        loadConfig(definition, production({
          DATABASE_URL: `postgres://app:${password}@db:5432/app`,
        })),
      )
      expect(problems(error)).toEqual([['DATABASE_URL', 'insecure']])
      expect(error.issues[0]?.expected).toMatch(/placeholder|weak value/)
    }
  })

  it('leave real values alone', () => {
    const config = loadConfig(definition, production({
      SESSION_SECRET: 'k2VQ-rPz7-test-mode-off',
      REGION: 'eu-west-1',
    }))
    expect(config.REGION).toBe('eu-west-1')
  })
})

describe('development values', () => {
  it('shipped by tenantkit are refused in production', () => {
    const definition = defineConfig({
      DATABASE_URL: databaseUrl(),
      KEY: fernetKey(),
      KEYS: fernetKeyList(),
      SESSION_SECRET: secret(),
    })
    const error = captureConfigError(() =>
      loadConfig(definition, production({
        DATABASE_URL: DEVELOPMENT_DATABASE_URL,
        KEY: DEVELOPMENT_FERNET_KEY,
        // One real key does not excuse a development key behind it.
        KEYS: `${key()},${DEVELOPMENT_FERNET_KEYS[1] ?? ''}`,
        SESSION_SECRET: DEVELOPMENT_SECRET,
      })),
    )
    expect(problems(error)).toEqual([
      ['DATABASE_URL', 'insecure'],
      ['KEY', 'insecure'],
      ['KEYS', 'insecure'],
      ['SESSION_SECRET', 'insecure'],
    ])
    for (const issue of error.issues) {
      expect(issue.expected).toContain('not a tenantkit development value')
    }
  })

  it('are recognised by their marker, even when derived', () => {
    // A key whose bytes carry the marker, as a copy-pasted variant would.
    const derived =
      Buffer.from('tenantkit-development-fernet-xyz').toString('base64url') +
      '='
    const definition = defineConfig({ KEY: fernetKey() })
    const error = captureConfigError(() =>
      loadConfig(definition, production({ KEY: derived })),
    )
    expect(problems(error)).toEqual([['KEY', 'insecure']])
  })

  it('declared as an entry default are refused in production', () => {
    const definition = defineConfig({
      KAFKA_BROKERS: kafkaBrokers().requiredInProduction({
        development: ['127.0.0.1:9092'],
      }),
      SIGNING_SECRET: secret().requiredInProduction({
        development: 'a-development-signing-secret',
        test: 'a-test-only-signing-secret-x',
      }),
    })
    const error = captureConfigError(() =>
      loadConfig(definition, production({
        KAFKA_BROKERS: 'kafka-1:9092, 127.0.0.1:9092',
        SIGNING_SECRET: 'a-test-only-signing-secret-x',
      })),
    )
    expect(problems(error)).toEqual([
      ['KAFKA_BROKERS', 'insecure'],
      ['SIGNING_SECRET', 'insecure'],
    ])
    expect(error.issues[0]?.expected).toContain('development or test default')
  })
})

describe('format rules', () => {
  it('refuse keys that fail their format in production', () => {
    const definition = defineConfig({ KEYS: fernetKeyList() })
    const error = captureConfigError(() =>
      loadConfig(definition, production({
        KEYS: `${key()},${key().slice(1)}`,
      })),
    )
    expect(problems(error)).toEqual([['KEYS', 'invalid']])
    expect(error.issues[0]?.expected).toContain('key 2 of 2')
  })
})
