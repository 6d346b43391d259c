import { describe, expect, it } from 'vitest'
import {
  ConfigUsageError,
  integer,
  LOG_LEVELS,
  logLevel,
  port,
  strictBoolean,
} from '../src/index'
import { issueOf, loadOne } from './helpers'

describe('strictBoolean', () => {
  it('reads the known spellings in any letter case', () => {
    for (const word of ['true', 'TRUE', '1', 'yes', 'On', ' true ']) {
      expect(loadOne(strictBoolean(), word)).toBe(true)
    }
    for (const word of ['false', 'False', '0', 'no', 'OFF']) {
      expect(loadOne(strictBoolean(), word)).toBe(false)
    }
  })

  it('rejects every other spelling instead of guessing', () => {
    for (const word of ['ture', 'y', 'n', '2', 'enabled', 'false!', '-1']) {
      const issue = issueOf(strictBoolean(), word)
      expect(issue.code).toBe('invalid')
      expect(issue.expected).toContain('true or false')
    }
  })
})

describe('port', () => {
  it('reads whole numbers from 1 to 65535', () => {
    expect(loadOne(port(), '1')).toBe(1)
    expect(loadOne(port(), ' 8080 ')).toBe(8080)
    expect(loadOne(port(), '65535')).toBe(65535)
  })

  it('rejects anything else, however Number() would read it', () => {
    const bad = ['0', '65536', '-1', '+80', '80.0', '8e3', '0x50', '80a',
      '1_000', 'Infinity', '99999999999999999999']
    for (const text of bad) {
      expect(issueOf(port(), text).expected, text).toContain('1 to 65535')
    }
  })
})

describe('integer', () => {
  it('reads whole numbers within the bounds', () => {
    expect(loadOne(integer({ min: -5, max: 5 }), '-5')).toBe(-5)
    expect(loadOne(integer(), '9007199254740991')).toBe(
      Number.MAX_SAFE_INTEGER,
    )
  })

  it('rejects numbers outside them and other spellings', () => {
    const entry = integer({ min: 1, max: 100 })
    for (const text of ['0', '101', '1.5', '1e2', 'ten', '--1']) {
      expect(issueOf(entry, text).expected).toBe(
        'a whole number from 1 to 100, in plain digits',
      )
    }
    expect(issueOf(integer(), '9007199254740993').code).toBe('invalid')
  })

  it('refuses bounds that make no sense', () => {
    expect(() => integer({ min: 5, max: 1 })).toThrow(ConfigUsageError)
    expect(() => integer({ min: 0.5 })).toThrow(ConfigUsageError)
  })
})

describe('logLevel', () => {
  it('reads every level in any letter case, loaded in lower case', () => {
    for (const level of LOG_LEVELS) {
      expect(loadOne(logLevel(), level.toUpperCase())).toBe(level)
    }
  })

  it('rejects unknown levels and lists the known ones', () => {
    const issue = issueOf(logLevel(), 'verbose')
    expect(issue.expected).toBe(
      'one of fatal, error, warn, info, debug, trace, silent',
    )
  })
})
