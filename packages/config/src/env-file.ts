import { readFileSync } from 'node:fs'
import * as util from 'node:util'
import { checkOptions } from './check-options'
import { ConfigUsageError } from './errors/config-usage-error'

/** How {@link readEnvFile} treats a missing file. */
export interface ReadEnvFileOptions {
  /**
   * Return an empty object when the file does not exist, instead of
   * throwing. Other read errors still throw.
   * @default false
   */
  readonly optional?: boolean
}

/**
 * Reads a `.env` file with Node's own parser (`util.parseEnv`, Node 20.12
 * and later) and returns its variables as a new frozen object. It does not
 * touch `process.env`: merge the result yourself, so you decide which
 * source wins.
 *
 * @param path - the file to read. @default '.env'
 * @throws ConfigUsageError when the file cannot be read (the message
 * names the path and the cause, never the contents).
 * @example
 * const config = loadConfig(appConfig, {
 *   ...readEnvFile('.env', { optional: true }),
 *   ...process.env, // real variables win over the file
 * })
 */
export function readEnvFile(
  path = '.env',
  options: ReadEnvFileOptions = {},
): Readonly<Record<string, string>> {
  checkOptions(options, 'readEnvFile')
  if (typeof path !== 'string' || path === '') {
    throw new ConfigUsageError(
      'readEnvFile: path must be a non-empty string.',
      "pass the file's path, e.g. readEnvFile('.env')",
    )
  }
  // A namespace import keeps the package importable on Node 20 < 20.12.
  const parseEnv: unknown = util.parseEnv
  if (typeof parseEnv !== 'function') {
    throw new ConfigUsageError(
      'readEnvFile: this Node.js has no util.parseEnv.',
      'use Node.js 20.12 or later, or node --env-file=.env',
    )
  }
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code === 'ENOENT' && options.optional === true) return Object.freeze({})
    throw new ConfigUsageError(
      `readEnvFile: cannot read ${path} (${String(code ?? 'error')}).`,
      code === 'ENOENT'
        ? 'create the file, or pass { optional: true } if it may be absent'
        : 'check that the path is a readable file',
      { cause: error },
    )
  }
  const variables: Record<string, string> = {}
  const parsed = (parseEnv as typeof util.parseEnv)(text)
  for (const [name, value] of Object.entries(parsed)) {
    if (value !== undefined) variables[name] = value
  }
  return Object.freeze(variables)
}
