import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConfigError, loadConfig, resolveEnvironment } from '../src/index'
import { appConfig } from './fixtures/app-config'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the library', () => {
  it('throws on bad configuration and leaves exiting to the app', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('process.exit was called')
    })

    expect(() => loadConfig(appConfig, {})).toThrow(ConfigError)
    expect(() => resolveEnvironment({ NODE_ENV: 'prod' })).toThrow(
      ConfigError,
    )
    expect(exit).not.toHaveBeenCalled()
  })

  it('has no process.exit and no console call in its code', () => {
    const sources = readdirSync(join(__dirname, '../src'), {
      recursive: true,
      withFileTypes: true,
    }).filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))

    expect(sources.length).toBeGreaterThan(10)
    for (const source of sources) {
      const text = readFileSync(join(source.parentPath, source.name), 'utf8')
      // Comments may show apps calling console; code may not.
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '')
      expect(code, source.name).not.toMatch(
        /process\.exit\(|(?<![\w'"(])console\.[a-z]+\(/,
      )
    }
  })
})
