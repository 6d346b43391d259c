import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'

/** librdkafka's mock cluster in a process the test can freeze. */
export interface PausableBroker {
  readonly address: string
  /**
   * SIGSTOP, resolved once the kernel reports the process stopped:
   * connections stay open, nothing is answered.
   */
  pause(): Promise<void>
  /** SIGCONT. */
  resume(): void
  stop(): Promise<void>
}

/**
 * Starts a kcat mock cluster like `startKcatMockCluster` does, keeping the
 * process at hand so a test can stall the broker without closing sockets.
 */
export function startPausableBroker(): Promise<PausableBroker> {
  const child = spawn('kcat', ['-q', '-X', 'test.mock.num.brokers=1',
    '-b', 'localhost:1', '-C', '-t', '__tenantkit_pausable'],
  { stdio: ['ignore', 'ignore', 'pipe'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    let stderr = ''
    child.once('error', reject)
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk
      const address = /replaced with (127\.0\.0\.1:\d+)/.exec(stderr)?.[1]
      if (!address) return
      child.stderr.removeAllListeners('data')
      child.stderr.resume()
      resolve({
        address,
        pause: async () => {
          child.kill('SIGSTOP')
          await untilStopped(child.pid)
        },
        resume: () => child.kill('SIGCONT'),
        stop: async () => {
          child.kill('SIGCONT')
          child.kill('SIGTERM')
          await exited
        },
      })
    })
  })
}

/**
 * A signal is delivered asynchronously: on a busy machine the broker can
 * still answer a request sent right after `kill`. Wait for state T.
 */
async function untilStopped(pid: number | undefined): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // The state follows the parenthesised command name.
    if (/\) T /.test(stat)) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`kcat ${pid} did not stop within a second of SIGSTOP`)
}
