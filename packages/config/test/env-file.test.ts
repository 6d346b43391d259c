import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigUsageError, loadConfig, readEnvFile } from '../src/index'
import { appConfig } from './fixtures/app-config'

const dir = mkdtempSync(join(tmpdir(), 'tk-config-env-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function envFile(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('readEnvFile', () => {
  it("parses a .env file with Node's own parser", () => {
    const path = envFile('basic.env', [
      '# comment lines are ignored',
      'NODE_ENV=development',
      'TK_FIXTURE_PORT=4000 # trailing comment',
      "TK_FIXTURE_REGION='us'",
      'TK_FIXTURE_SESSION_SECRET="spaces kept inside quotes"',
      'MULTI="line one',
      'line two"',
      '',
    ].join('\n'))

    const variables = readEnvFile(path)
    expect(variables).toEqual({
      NODE_ENV: 'development',
      TK_FIXTURE_PORT: '4000',
      TK_FIXTURE_REGION: 'us',
      TK_FIXTURE_SESSION_SECRET: 'spaces kept inside quotes',
      MULTI: 'line one\nline two',
    })
    expect(Object.isFrozen(variables)).toBe(true)
    // It reads the file; process.env is left alone.
    expect(process.env['TK_FIXTURE_PORT']).toBeUndefined()
  })

  it('feeds loadConfig, with real variables winning over the file', () => {
    const path = envFile('merge.env', 'NODE_ENV=development\n' +
      'TK_FIXTURE_PORT=4000\nTK_FIXTURE_LOG_LEVEL=debug\n')
    const real = { NODE_ENV: 'test', TK_FIXTURE_PORT: '5000' }

    const config = loadConfig(appConfig, { ...readEnvFile(path), ...real })
    expect(config.TK_FIXTURE_PORT).toBe(5000)
    expect(config.TK_FIXTURE_LOG_LEVEL).toBe('debug')
  })

  it('returns nothing for a missing optional file', () => {
    const missing = join(dir, 'absent.env')
    expect(readEnvFile(missing, { optional: true })).toEqual({})
  })

  it('says how to fix a missing or unreadable file, with its cause', () => {
    const missing = join(dir, 'absent.env')
    const errors = [missing, dir].map((path) => {
      try {
        readEnvFile(path)
      } catch (error) {
        return error as ConfigUsageError
      }
      throw new Error('expected readEnvFile to throw')
    })
    expect(errors[0]).toBeInstanceOf(ConfigUsageError)
    expect(errors[0]?.message).toContain('ENOENT')
    expect(errors[0]?.fix).toContain('{ optional: true }')
    expect((errors[0]?.cause as { code?: string }).code).toBe('ENOENT')
    // A directory is not made optional by { optional: true }.
    expect(() => readEnvFile(dir, { optional: true })).toThrow(/EISDIR/)
    expect(() => readEnvFile('')).toThrow(ConfigUsageError)
  })
})
