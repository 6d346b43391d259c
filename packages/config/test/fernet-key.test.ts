import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import {
  defineConfig,
  DEVELOPMENT_FERNET_KEY,
  DEVELOPMENT_FERNET_KEYS,
  fernetKey,
  fernetKeyList,
  loadConfig,
} from '../src/index'
import { captureConfigError, problems } from './helpers'

/** Runs Python with the `cryptography` package; returns stdout lines. */
function python(script: string, input = ''): string[] {
  return execFileSync('python3', ['-c', script], { input, encoding: 'utf8' })
    .trim()
    .split('\n')
}

const definition = defineConfig({ KEY: fernetKey(), KEYS: fernetKeyList() })
const load = (KEY: string, KEYS: string) =>
  loadConfig(definition, { NODE_ENV: 'test', KEY, KEYS })

describe('Fernet keys', () => {
  it("accept keys made by Python's cryptography", () => {
    const keys = python(
      'from cryptography.fernet import Fernet\n' +
        'for _ in range(3): print(Fernet.generate_key().decode())',
    )
    const config = load(keys[0] ?? '', keys.join(', '))
    expect(config.KEY.reveal()).toBe(keys[0])
    // Newest first, in the order given, spaces around commas trimmed.
    expect(config.KEYS.reveal()).toEqual(keys)
  })

  it("are usable by Python's cryptography, development keys included", () => {
    const verdicts = python(
      'import sys\nfrom cryptography.fernet import Fernet\n' +
        'for line in sys.stdin.read().split():\n' +
        '  f = Fernet(line.encode())\n' +
        '  print(f.decrypt(f.encrypt(b"ok")).decode())',
      DEVELOPMENT_FERNET_KEYS.join('\n'),
    )
    expect(verdicts).toEqual(['ok', 'ok'])
    expect(DEVELOPMENT_FERNET_KEYS[0]).toBe(DEVELOPMENT_FERNET_KEY)
  })

  it('reject keys that break the format, saying what is wrong', () => {
    const good = DEVELOPMENT_FERNET_KEY
    const cases: [string, string][] = [
      [good.slice(0, -1), 'lacks its = padding'],
      [`${good.slice(0, 10)}+${good.slice(11)}`, 'uses + or /'],
      ['short=', 'is not 44 characters long'],
      [`${good.slice(0, -2)}!=`, 'characters outside base64'],
      // The last character carries two unused bits, which must be zero.
      [`${good.slice(0, 42)}1=`, 'is not canonical'],
    ]
    for (const [bad, reason] of cases) {
      const error = captureConfigError(() => load(bad, good))
      expect(problems(error)).toEqual([['KEY', 'invalid']])
      expect(error.issues[0]?.expected).toContain(reason)
      expect(error.issues[0]?.fix).toContain('generate a key')
    }
  })

  it('reject empty and repeated keys in a list', () => {
    const [first = '', second = ''] = DEVELOPMENT_FERNET_KEYS
    const error = captureConfigError(() =>
      load(first, `${first},,${second},${first}`),
    )
    expect(error.issues.map((issue) => issue.expected)).toEqual([
      expect.stringContaining('key 2 of 4 is empty'),
      expect.stringContaining('key 4 of 4 repeats key 1'),
    ])
  })

  it('are secret by default', () => {
    expect(fernetKey().isSecret).toBe(true)
    expect(fernetKeyList().isSecret).toBe(true)
  })
})
