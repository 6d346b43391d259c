import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  defineConfig,
  kafkaBrokers,
  loadConfig,
  port,
  setting,
} from '../src/index'
import { appConfig } from './fixtures/app-config'

describe('the loaded configuration', () => {
  it('is frozen all the way down, secrets included', () => {
    const config = loadConfig(appConfig, { NODE_ENV: 'development' })
    const keys = config.TK_FIXTURE_TOKEN_KEYS.reveal()

    expect(Object.isFrozen(config)).toBe(true)
    expect(Object.isFrozen(config.TK_FIXTURE_KAFKA_BROKERS)).toBe(true)
    expect(Object.isFrozen(config.TK_FIXTURE_TOKEN_KEYS)).toBe(true)
    expect(Object.isFrozen(keys)).toBe(true)
    // Modules are strict, so writes throw instead of failing silently.
    expect(() => {
      ;(config as { TK_FIXTURE_PORT: number }).TK_FIXTURE_PORT = 1
    }).toThrow(TypeError)
    expect(() => (keys as string[]).push('another-key')).toThrow(TypeError)
  })

  it('freezes nested values a schema returns', () => {
    const definition = defineConfig({
      LIMITS: setting(
        z.string().transform((text) => ({ tiers: text.split('/') })),
      ),
    })
    const config = loadConfig(definition, { NODE_ENV: 'test', LIMITS: 'a/b' })
    expect(config.LIMITS).toEqual({ tiers: ['a', 'b'] })
    expect(Object.isFrozen(config.LIMITS.tiers)).toBe(true)
  })

  it('shares nothing with the defaults it was given', () => {
    const brokers = ['127.0.0.1:9092']
    const definition = defineConfig({
      BROKERS: kafkaBrokers().default(brokers),
    })
    const first = loadConfig(definition, { NODE_ENV: 'test' })
    const second = loadConfig(definition, { NODE_ENV: 'test' })

    expect(first.BROKERS).toEqual(brokers)
    expect(first.BROKERS).not.toBe(brokers)
    expect(first.BROKERS).not.toBe(second.BROKERS)
    // The caller's array is still theirs to change.
    expect(Object.isFrozen(brokers)).toBe(false)
  })
})

describe('the env it reads', () => {
  it('is never changed, and may itself be frozen', () => {
    const env = Object.freeze({ NODE_ENV: 'test', TK_FIXTURE_PORT: ' 8080 ' })
    const writes: string[] = []
    const watched = new Proxy(env, {
      set: (_target, key) => (writes.push(`set ${String(key)}`), false),
      deleteProperty: (_target, key) =>
        (writes.push(`delete ${String(key)}`), false),
      defineProperty: (_target, key) =>
        (writes.push(`define ${String(key)}`), false),
    })

    expect(loadConfig(appConfig, watched).TK_FIXTURE_PORT).toBe(8080)
    expect(writes).toEqual([])
    expect(env).toEqual({ NODE_ENV: 'test', TK_FIXTURE_PORT: ' 8080 ' })
  })
})

describe('entries', () => {
  it('are immutable: every method returns a new entry', () => {
    const base = port()
    const withDefault = base.default(80)
    expect(withDefault).not.toBe(base)
    expect(Object.isFrozen(base)).toBe(true)

    const definition = defineConfig({ A: base, B: withDefault })
    const error = (() => {
      try {
        loadConfig(definition, { NODE_ENV: 'test' })
      } catch (caught) {
        return caught as { issues: { variable: string }[] }
      }
      return undefined
    })()
    // Only A is still required: adding a default to B left A alone.
    expect(error?.issues.map((issue) => issue.variable)).toEqual(['A'])
  })
})
