import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, inject, test } from 'vitest'
import { consume, uniqueTopic } from './support/consume'
import { startPausableBroker } from './support/pausable-broker'

const brokers = inject('tenantkitKafkaBrokers')
const fixture = (name: string): string =>
  fileURLToPath(new URL(`fixtures/${name}`, import.meta.url))
const packageDir = fileURLToPath(new URL('..', import.meta.url))

interface Ended {
  readonly signal: NodeJS.Signals | null
  readonly code: number | null
  readonly output: string
}

/** Runs the child, signals it once it accepted the burst, awaits its end. */
function signalDuringBurst(
  signal: NodeJS.Signals,
  topic: string,
  count: number,
): Promise<Ended> {
  const proc = spawn(process.execPath, ['--import', 'tsx',
    fixture('signal-child.ts'), brokers.join(','), topic, String(count)],
  { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  proc.stdout.setEncoding('utf8')
  proc.stdout.on('data', (chunk: string) => {
    if (!output.includes('accepted') && `${output}${chunk}`.includes('accepted')) {
      proc.kill(signal)
    }
    output += chunk
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`child still running 20 s after ${signal}:\n${output}`))
    }, 20_000)
    proc.once('error', reject)
    proc.once('exit', (code, endSignal) => {
      clearTimeout(timer)
      resolve({ signal: endSignal, code, output })
    })
  })
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} shuts down, delivers the burst, then ends the process`, async () => {
    const topic = uniqueTopic(signal.toLowerCase())

    const ended = await signalDuringBurst(signal, topic, 500)

    // The process ended by the signal itself, as it would have without us.
    expect(ended).toMatchObject({ signal, code: null })
    expect(ended.output).toContain('shutting down {"inFlight":500}')
    expect(ended.output).toContain('log: Kafka producer shut down')
    expect(ended.output).not.toContain('failed')
    expect(await consume(brokers, topic, 500)).toHaveLength(500)
  })
}

test('a second signal ends the process while shutdown still waits', async () => {
  const broker = await startPausableBroker()
  const proc = spawn(process.execPath, ['--import', 'tsx',
    fixture('stalled-signal-child.ts'), broker.address, uniqueTopic('stalled')],
  { cwd: packageDir, stdio: ['pipe', 'pipe', 'inherit'] })
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    proc.once('exit', (_code, signal) => resolve(signal)))
  let output = ''
  proc.stdout.on('data', (chunk: Buffer) => {
    output += String(chunk)
  })
  const said = (line: string): Promise<void> => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(
      `child did not say "${line}" within 15 s:\n${output}`)), 15_000)
    const check = (): void => {
      if (!output.includes(line)) return
      clearTimeout(timer)
      proc.stdout.off('data', check)
      resolve()
    }
    proc.stdout.on('data', check)
    check()
  })
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => setTimeout(resolve, ms))
  try {
    // Freeze the broker, then have the child publish into it.
    await said('WARM-UP DELIVERED')
    await broker.pause()
    proc.stdin.write('burst\n')
    await said('BURST ACCEPTED')

    // The first signal starts a shutdown that cannot finish...
    proc.kill('SIGTERM')
    await pause(500)
    expect(proc.exitCode, output).toBeNull()
    expect(proc.signalCode, output).toBeNull()

    // ...the second one ends the process, by that signal.
    proc.kill('SIGTERM')
    const signal = await Promise.race([exited, pause(10_000).then(() => 'hung')])
    expect(signal).toBe('SIGTERM')
  } finally {
    proc.kill('SIGKILL')
    await broker.stop()
  }
})
