import { spawn, type ChildProcess } from 'node:child_process'
import { UsageError } from '../usage-error'
import { ProvisionError } from './errors'

/** Where the test broker came from. */
export type KafkaSource = 'env' | 'testcontainers' | 'kcat-mock'

/** A Kafka-protocol broker the tests may produce to and consume from. */
export interface KafkaBroker {
  readonly brokers: readonly string[]
  readonly source: KafkaSource
  /** The places tried before this one and why each was passed over. */
  readonly attempts: readonly string[]
  /** Stops what provisioning started; a no-op for brokers found running. */
  stop(): Promise<void>
}

export interface FindKafkaOptions {
  /**
   * Environment to read `TENANTKIT_TEST_KAFKA_BROKERS` or `KAFKA_BROKERS` from.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>
  /**
   * Whether to try Testcontainers when a Docker engine answers.
   * @default true
   */
  readonly testcontainers?: boolean
  /** @default 'confluentinc/cp-kafka:7.7.1' */
  readonly image?: string
  /**
   * Path of the kcat binary used for librdkafka's mock cluster.
   * @default 'kcat'
   */
  readonly kcatPath?: string
}

export const DEFAULT_KAFKA_IMAGE = 'confluentinc/cp-kafka:7.7.1'

const FIX_NOTHING_FOUND =
  'Set TENANTKIT_TEST_KAFKA_BROKERS=host:port, start Docker for ' +
  'Testcontainers (npm i -D @testcontainers/kafka), or install kcat ' +
  '(apt-get install kcat).'

/**
 * Finds a Kafka-protocol broker for tests: a broker list from the
 * environment, a Testcontainers Kafka when Docker answers, or librdkafka's
 * mock cluster started through `kcat`.
 *
 * @example
 * const broker = await findKafka()
 * const kafka = new Kafka({ brokers: [...broker.brokers] })
 */
export async function findKafka(options: FindKafkaOptions = {}): Promise<KafkaBroker> {
  if (options.image !== undefined && options.image.trim() === '') {
    throw new UsageError('findKafka', 'image is empty',
      "pass a pinned image such as 'confluentinc/cp-kafka:7.7.1'")
  }
  const env = options.env ?? process.env
  const attempts: string[] = []

  const explicit = env['TENANTKIT_TEST_KAFKA_BROKERS'] || env['KAFKA_BROKERS']
  if (explicit) {
    const brokers = explicit.split(',').map((b) => b.trim()).filter(Boolean)
    return { brokers, source: 'env', attempts, stop: async () => {} }
  }
  attempts.push('TENANTKIT_TEST_KAFKA_BROKERS and KAFKA_BROKERS: not set')

  if (options.testcontainers !== false) {
    const image = options.image ?? DEFAULT_KAFKA_IMAGE
    const container = await startKafkaContainer(image, attempts)
    if (container) return container
  } else {
    attempts.push('Testcontainers: turned off by the testcontainers option')
  }

  try {
    const mock = await startKcatMockCluster(options.kcatPath ?? 'kcat')
    return { ...mock, attempts }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    attempts.push(`kcat mock cluster: ${reason}`)
  }
  throw new ProvisionError('Kafka broker', attempts, FIX_NOTHING_FOUND)
}

/**
 * Starts librdkafka's built-in mock cluster through `kcat`, which keeps it
 * alive as a consumer; the cluster lives as long as that process.
 *
 * @example
 * const broker = await startKcatMockCluster()
 * afterAll(() => broker.stop())
 */
export function startKcatMockCluster(
  kcatPath = 'kcat',
  timeoutMs = 10_000,
): Promise<KafkaBroker> {
  if (kcatPath.trim() === '') {
    return Promise.reject(new UsageError('startKcatMockCluster', 'kcatPath is empty',
      "pass the kcat binary, e.g. 'kcat' or '/usr/bin/kcat'"))
  }
  const args = ['-q', '-X', 'test.mock.num.brokers=1', '-b', 'localhost:1',
    '-C', '-t', '__tenantkit_mock']
  const child = spawn(kcatPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  return new Promise((resolve, reject) => {
    let stderr = ''
    const timer = setTimeout(
      () => fail(new Error(`no bootstrap address within ${timeoutMs} ms`)), timeoutMs)
    const fail = (error: Error): void => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(error)
    }
    child.on('error', (error) => fail(new Error(`cannot run ${kcatPath}: ${error.message}`)))
    child.on('exit', (code) => fail(new Error(`${kcatPath} exited with ${code}: ${stderr.trim()}`)))
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk
      const match = /replaced with (127\.0\.0\.1:\d+)/.exec(stderr)
      if (!match?.[1]) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      resolve({
        brokers: [match[1]],
        source: 'kcat-mock',
        attempts: [],
        stop: () => stopChild(child),
      })
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

async function startKafkaContainer(
  image: string,
  attempts: string[],
): Promise<KafkaBroker | undefined> {
  let module: typeof import('@testcontainers/kafka')
  try {
    module = await import('@testcontainers/kafka')
  } catch {
    attempts.push('Testcontainers: @testcontainers/kafka is not installed')
    return undefined
  }
  try {
    const container = await new module.KafkaContainer(image).withKraft().start()
    const broker = `${container.getHost()}:${container.getMappedPort(9093)}`
    return {
      brokers: [broker],
      source: 'testcontainers',
      attempts: [...attempts],
      stop: async () => void (await container.stop()),
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    attempts.push(`Testcontainers (${image}): ${reason}`)
    return undefined
  }
}
