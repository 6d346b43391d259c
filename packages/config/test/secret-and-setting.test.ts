import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as zm from 'zod/mini'
import {
  ConfigUsageError,
  createSecret,
  isSecret,
  secret,
  setting,
} from '../src/index'
import { issueOf, loadOne } from './helpers'

describe('secret', () => {
  it('keeps the value exactly, surrounding spaces included', () => {
    const value = '  a-secret-with-spaces-around  '
    expect(loadOne(secret(), value).reveal()).toBe(value)
  })

  it('requires 16 characters unless told otherwise', () => {
    expect(issueOf(secret(), 'fifteen-chars!!').expected).toBe(
      'a secret of at least 16 characters; this one is shorter',
    )
    expect(loadOne(secret({ minLength: 4 }), 'abcd').reveal()).toBe('abcd')
    expect(() => secret({ minLength: 0 })).toThrow(ConfigUsageError)
  })
})

describe('setting', () => {
  it('parses with any zod 4 schema, classic or mini', () => {
    expect(loadOne(setting(z.enum(['eu', 'us'])), 'us')).toBe('us')
    expect(loadOne(setting(z.coerce.number().int()), '42')).toBe(42)
    expect(loadOne(setting(zm.string().check(zm.minLength(2))), 'ok')).toBe(
      'ok',
    )
  })

  it("shows zod's message, or the wording it was given", () => {
    expect(issueOf(setting(z.enum(['eu', 'us'])), 'mars').expected).toBe(
      'Invalid option: expected one of "eu"|"us"',
    )
    const described = setting(z.string().min(5), {
      expected: 'a tenant slug',
      fix: 'ask the platform team for your slug',
    })
    const missing = issueOf(described, ' ')
    expect(missing).toEqual({
      variable: 'X',
      code: 'missing',
      expected: 'a tenant slug',
      fix:
        'set X in the environment (or the .env file you load); ' +
        'ask the platform team for your slug',
    })
  })

  it("refuses zod's own default and optional, which would never run", () => {
    for (const schema of [z.string().default('eu'), z.string().optional()]) {
      expect(() => setting(schema)).toThrow(/on the entry instead/)
    }
  })

  it('refuses things that are not zod schemas', () => {
    expect(() => setting({} as never)).toThrow(ConfigUsageError)
    expect(() => setting('string' as never)).toThrow(ConfigUsageError)
  })
})

describe('createSecret', () => {
  it('wraps any value and hides it', () => {
    const token = createSecret({ id: 'crm-token-92ab' })
    expect(isSecret(token)).toBe(true)
    expect(isSecret({ reveal: () => 1 })).toBe(false)
    expect(token.reveal()).toEqual({ id: 'crm-token-92ab' })
    expect(JSON.stringify({ token })).toBe('{"token":"[redacted]"}')
    expect(Object.isFrozen(token)).toBe(true)
  })
})
