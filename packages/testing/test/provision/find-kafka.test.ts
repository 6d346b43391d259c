import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ProvisionError } from '../../src/provision/errors'
import { findKafka } from '../../src/provision/kafka'
import { createGlobalSetup, type ProvideTarget } from '../../src/vitest-setup'
import { withoutDocker } from '../support/closed-port'

let restoreDocker: () => void
beforeAll(async () => {
  restoreDocker = await withoutDocker()
})
afterAll(() => restoreDocker())

test('a broker list from the environment is used as given', async () => {
  const broker = await findKafka({
    env: { KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19093' },
  })
  expect(broker.brokers).toEqual(['127.0.0.1:19092', '127.0.0.1:19093'])
  expect(broker.source).toBe('env')
  expect(broker.attempts).toEqual([])
})

test('without a list or Docker, the kcat mock cluster answers the Kafka protocol', async () => {
  const broker = await findKafka({ env: {} })
  try {
    expect(broker.source).toBe('kcat-mock')
    expect(broker.attempts[1]).toMatch(/^Testcontainers \(confluentinc\/cp-kafka:7\.7\.1\): \S/)
    expect(broker.attempts[1]).not.toContain('not installed')

    // A real client gets a real answer from it.
    const kafka = new Kafka({ brokers: [...broker.brokers], logLevel: logLevel.NOTHING })
    const producer = kafka.producer()
    await producer.connect()
    const [sent] = await producer.send({
      topic: 'tk_testing_probe',
      messages: [{ value: 'hello' }],
    })
    await producer.disconnect()
    expect(sent?.errorCode).toBe(0)
  } finally {
    await broker.stop()
  }
})

test('with nothing reachable, the error lists the attempts and the fix', async () => {
  const failure = await findKafka({
    env: {},
    testcontainers: false,
    kcatPath: '/nonexistent/kcat',
  }).catch((error: unknown) => error)
  expect(failure).toBeInstanceOf(ProvisionError)
  const error = failure as ProvisionError
  expect(error.attempts).toEqual([
    'TENANTKIT_TEST_KAFKA_BROKERS and KAFKA_BROKERS: not set',
    'Testcontainers: turned off by the testcontainers option',
    expect.stringMatching(/^kcat mock cluster: cannot run \/nonexistent\/kcat/),
  ])
  expect(error.message).toContain('Set TENANTKIT_TEST_KAFKA_BROKERS=host:port')
  expect(error.message).toContain('apt-get install kcat')
})

test('the global setup provides the brokers and stops the mock cluster at teardown', async () => {
  const provided = new Map<string, unknown>()
  const project: ProvideTarget = {
    provide: (key: string, value: unknown) => void provided.set(key, value),
  }
  const teardown = await createGlobalSetup({ postgres: false, kafka: true, env: {} })(project)
  const brokers = provided.get('tenantkitKafkaBrokers') as string[]
  expect(brokers).toEqual([expect.stringMatching(/^127\.0\.0\.1:\d+$/)])
  expect(provided.has('tenantkitPostgresUrl')).toBe(false)

  await teardown()
  // The mock cluster lived in the kcat process, which is gone now.
  const kafka = new Kafka({
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 500,
  })
  const admin = kafka.admin()
  await expect(admin.connect()).rejects.toThrow()
})
