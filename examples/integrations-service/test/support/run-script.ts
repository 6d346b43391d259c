import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

/** The service package's folder. */
export const SERVICE_DIR: string = fileURLToPath(new URL('../..', import.meta.url))

/** What a finished child process printed and how it ended. */
export interface ScriptResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** A running TypeScript script of this package, under tsx. */
export interface RunningScript {
  readonly child: ChildProcess
  /** Resolves once stdout contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>
  /** What it printed on stdout so far. */
  stdout(): string
  readonly done: Promise<ScriptResult>
}

/**
 * Runs `script` (a path inside this package) with `node --import tsx`,
 * with exactly `env` plus PATH and HOME: nothing else leaks in.
 */
export function runScript(
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): RunningScript {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: SERVICE_DIR,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  const listeners = new Set<() => void>()
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
    for (const listener of listeners) listener()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const done = new Promise<ScriptResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return {
    child,
    done,
    stdout: () => stdout,
    waitFor: (text, timeoutMs = 60_000) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(check)
        reject(new Error(`no "${text}" within ${timeoutMs} ms; stderr: ${stderr}`))
      }, timeoutMs)
      const check = () => {
        if (!stdout.includes(text)) return
        clearTimeout(timer)
        listeners.delete(check)
        resolve()
      }
      listeners.add(check)
      check()
    }),
  }
}

/** The database a development server logs in to, as tests create it. */
export interface DevServiceDatabase {
  readonly runtimeUrl: string
  readonly runtimeRole: string
}

/**
 * Starts `src/main.ts` in development on a free loopback port, as the
 * runtime role of `database`; resolves with the port once it listens.
 */
export async function startDevService(
  database: DevServiceDatabase,
): Promise<{ readonly port: number; readonly running: RunningScript }> {
  const port = await freePort()
  const running = runScript('src/main.ts', [], {
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: database.runtimeUrl,
    DATABASE_RUNTIME_ROLE: database.runtimeRole,
  })
  return { port, running }
}

/** A loopback port nothing listens on (just opened and closed again). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}
