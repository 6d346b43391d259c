import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, inject, test } from 'vitest'
import { consume, uniqueTopic } from './support/consume'

const brokers = inject('tenantkitKafkaBrokers')
const child = fileURLToPath(new URL('fixtures/signal-child.ts', import.meta.url))
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
  const proc = spawn(process.execPath,
    ['--import', 'tsx', child, brokers.join(','), topic, String(count)],
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
