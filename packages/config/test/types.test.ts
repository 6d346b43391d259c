import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  loadConfig,
  type InferConfig,
  type LogLevel,
  type Secret,
} from '../src/index'
import { appConfig, type AppConfig } from './fixtures/app-config'

// These expectations are checked by `pnpm typecheck` (tsc over tests);
// the runtime assertions check the same facts on a loaded value.
describe('the loaded type', () => {
  const config = loadConfig(appConfig, { NODE_ENV: 'test' })

  it('matches the values, with secrets wrapped and lists read-only', () => {
    expectTypeOf(config).toEqualTypeOf<AppConfig>()
    expectTypeOf(config.TK_FIXTURE_PORT).toEqualTypeOf<number>()
    expectTypeOf(config.TK_FIXTURE_LOG_LEVEL).toEqualTypeOf<LogLevel>()
    expectTypeOf(config.TK_FIXTURE_AUDIT).toEqualTypeOf<boolean>()
    expectTypeOf(config.TK_FIXTURE_KAFKA_BROKERS).toEqualTypeOf<
      readonly string[]
    >()
    expectTypeOf(config.TK_FIXTURE_DATABASE_URL).toEqualTypeOf<
      Secret<string>
    >()
    expectTypeOf(config.TK_FIXTURE_TOKEN_KEYS).toEqualTypeOf<
      Secret<readonly string[]>
    >()
    // The fixture's refine is a type guard, so zod narrows the output.
    expectTypeOf(config.TK_FIXTURE_REGION).toEqualTypeOf<'eu' | 'us'>()

    expect(typeof config.TK_FIXTURE_PORT).toBe('number')
    expect(config.TK_FIXTURE_LOG_LEVEL).toBe('info')
    expect(Array.isArray(config.TK_FIXTURE_KAFKA_BROKERS)).toBe(true)
  })

  it('makes a secret unusable as a plain string without reveal()', () => {
    expectTypeOf(config.TK_FIXTURE_DATABASE_URL).not.toEqualTypeOf<string>()
    // @ts-expect-error a Secret is not a string
    const leaked: string = config.TK_FIXTURE_DATABASE_URL
    expect(leaked).not.toBeTypeOf('string')
    expectTypeOf(config.TK_FIXTURE_DATABASE_URL.reveal()).toBeString()
  })

  it('is read-only at the type level too', () => {
    // @ts-expect-error entries are read-only
    expect(() => (config.TK_FIXTURE_PORT = 1)).toThrow(TypeError)
    expectTypeOf<InferConfig<typeof appConfig>>().toEqualTypeOf<AppConfig>()
  })
})
