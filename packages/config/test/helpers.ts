import { Console } from 'node:console'
import { Writable } from 'node:stream'
import {
  ConfigError,
  defineConfig,
  loadConfig,
  type ConfigEntry,
  type ConfigIssue,
  type LoadedValue,
} from '../src/index'

/** Runs `run` and returns the ConfigError it throws; fails otherwise. */
export function captureConfigError(run: () => unknown): ConfigError {
  try {
    run()
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected loadConfig to throw a ConfigError')
}

/** A real node Console whose output is collected as text. */
export function capturingConsole(): { console: Console; text: () => string } {
  const chunks: string[] = []
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString())
      done()
    },
  })
  return {
    console: new Console({ stdout: sink, stderr: sink, colorMode: false }),
    text: () => chunks.join(''),
  }
}

/** The variables and codes of an error's issues, in order. */
export function problems(error: ConfigError): string[][] {
  return error.issues.map((issue) => [issue.variable, issue.code])
}

/** Loads one entry as variable `X` in the test environment. */
export function loadOne<E extends ConfigEntry<unknown, boolean>>(
  entry: E,
  raw: string | undefined,
): LoadedValue<E> {
  const definition = defineConfig({ X: entry })
  const env = { NODE_ENV: 'test', X: raw }
  return loadConfig(definition, env).X as LoadedValue<E>
}

/** The single issue loading `raw` into `entry` reports. */
export function issueOf(
  entry: ConfigEntry<unknown, boolean>,
  raw: string,
): ConfigIssue {
  const error = captureConfigError(() => loadOne(entry, raw))
  const [issue, ...rest] = error.issues
  if (!issue || rest.length > 0) {
    throw new Error(`expected one issue, got ${error.issues.length}`)
  }
  return issue
}
