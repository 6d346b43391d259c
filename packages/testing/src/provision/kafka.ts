import { spawn, type ChildProcess } from 'node:child_process'
import { ProvisionError } from './errors'

/** Where the test broker came from. */
export type KafkaSource = 'env' | 'testcontainers' | 'kcat-mock'

/** A Kafka-protocol broker the tests may produce to and consume from. */
export interface KafkaBroker {
  readonly brokers: readonly string[]
  readonly source: KafkaSource
  /** Stops what provisioning started; a no-op for brokers found running. */
  stop(): Promise<void>
}

export interface FindKafkaOptions {
  /**
   * Environment to read `TENANTKIT_TEST_KAFKA_BROKERS` or `KAFKA_BROKERS` from.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** @default true */
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

/**
 * Finds a Kafka-protocol broker for tests: a broker list from the
 * environment, a Testcontainers Kafka when Docker answers, or librdkafka's
 * mock cluster started through `kcat`.
 */
export async function findKafka(options: FindKafkaOptions = {}): Promise<KafkaBroker> {
  const env = options.env ?? process.env
  const attempts: string[] = []

  const explicit = env['TENANTKIT_TEST_KAFKA_BROKERS'] || env['KAFKA_BROKERS']
  if (explicit) {
    const brokers = explicit.split(',').map((b) => b.trim()).filter(Boolean)
    return { brokers, source: 'env', stop: async () => {} }
  }
  attempts.push('TENANTKIT_TEST_KAFKA_BROKERS and KAFKA_BROKERS: not set')

  if (options.testcontainers !== false) {
    const container = await startKafkaContainer(options.image ?? DEFAULT_KAFKA_IMAGE, attempts)
    if (container) return container
  }

  try {
    return await startKcatMockCluster(options.kcatPath ?? 'kcat')
  } catch (error) {
    attempts.push(`kcat mock cluster: ${error instanceof Error ? error.message : String(error)}`)
  }
  throw new ProvisionError('Kafka broker', attempts,
    'Set TENANTKIT_TEST_KAFKA_BROKERS=host:port, start Docker for Testcontainers ' +
      '(npm i -D @testcontainers/kafka), or install kcat (apt-get install kcat).')
}

/**
 * Starts librdkafka's built-in mock cluster through `kcat`, which keeps it
 * alive as a consumer; the cluster lives as long as that process.
 */
export function startKcatMockCluster(kcatPath = 'kcat', timeoutMs = 10_000): Promise<KafkaBroker> {
  const child = spawn(
    kcatPath,
    ['-q', '-X', 'test.mock.num.brokers=1', '-b', 'localhost:1', '-C', '-t', '__tenantkit_mock'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  return new Promise((resolve, reject) => {
    let stderr = ''
    const timer = setTimeout(() => fail(new Error(`no bootstrap address within ${timeoutMs} ms`)), timeoutMs)
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
      resolve({ brokers: [match[1]], source: 'kcat-mock', stop: () => stopChild(child) })
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
    return { brokers: [broker], source: 'testcontainers', stop: async () => void (await container.stop()) }
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    attempts.push(`Testcontainers (${image}): ${reason}`)
    return undefined
  }
}
