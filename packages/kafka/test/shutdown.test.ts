import { expect, inject, test } from 'vitest'
import {
  createProducer,
  KafkaProducerError,
  KafkaShutdownError,
} from '../src/index'
import { consume, uniqueTopic } from './support/consume'
import { countingClient } from './support/counting-client'
import { startPausableBroker } from './support/pausable-broker'

const brokers = inject('tenantkitKafkaBrokers')

test('shutdown during a burst delivers every accepted message', async () => {
  const client = countingClient(brokers)
  const producer = createProducer({ client, maxBatchSize: 250 })
  const topic = uniqueTopic('shutdown')
  let settled = 0
  const publishes = Array.from({ length: 2000 }, (_, i) =>
    producer.publish(topic, `m${i}`, { tenantId: `t${i % 4}` })
      .finally(() => settled++))

  // Called twice and concurrently, while nothing has been sent yet.
  const first = producer.shutdown()
  const second = producer.shutdown()
  expect(second).toBe(first)
  expect(producer.health().state).toBe('shutting-down')
  await expect(producer.publish(topic, 'late', { tenantId: 't0' }))
    .rejects.toMatchObject({ code: 'PRODUCER_SHUT_DOWN', topic })
  await first

  // Every accepted message settled before shutdown resolved, and arrived.
  expect(settled).toBe(2000)
  await Promise.all(publishes)
  expect(client.connects).toBe(1)
  expect(client.disconnects).toBe(1)
  expect(producer.health()).toMatchObject({
    state: 'shut-down', connected: false, inFlight: 0,
  })
  expect(await consume(brokers, topic, 2000)).toHaveLength(2000)
  await producer.shutdown()
  expect(client.disconnects).toBe(1)
})

test('a stalled broker cannot hold shutdown past its timeout', async () => {
  const broker = await startPausableBroker()
  try {
    const client = countingClient([broker.address])
    const producer = createProducer({
      client, maxBatchSize: 10, shutdownTimeoutMs: 500,
    })
    const topic = uniqueTopic('stalled')
    await producer.publish(topic, 'warm-up', { tenantId: 'acme' })

    // The broker freezes with 30 messages accepted: the first leaves at
    // once and hangs, the other 29 queue behind it.
    await broker.pause()
    const outcomes = Array.from({ length: 30 }, (_, i) =>
      producer.publish(topic, `m${i}`, { tenantId: 'acme' })
        .then(() => 'delivered', (error: unknown) => error))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = Date.now()
    await producer.shutdown()

    // Far below the 30 s the stalled request would otherwise take.
    expect(Date.now() - started).toBeLessThan(10_000)
    const results = await Promise.all(outcomes)
    const [first, ...queued] = results
    for (const result of queued) {
      expect(result).toBeInstanceOf(KafkaShutdownError)
      expect(result).toMatchObject({ code: 'SHUTDOWN_TIMEOUT', retriable: false })
    }
    // The hanging request ends either way: given up by shutdown, or failed
    // by KafkaJS when the disconnect closed its socket.
    expect(first).toBeInstanceOf(KafkaProducerError)
    expect(producer.health().inFlight).toBe(0)
  } finally {
    await broker.stop()
  }
  // Starting, stalling and stopping a kcat process on a busy 2-core CI
  // machine can take longer than a unit test; the 10 s bound above is the
  // claim under test.
}, 60_000)

test('shutdown while the first connect is failing settles everything', async () => {
  // Port 1 on loopback refuses connections.
  const client = countingClient(['127.0.0.1:1'], 3)
  const producer = createProducer({ client, shutdownTimeoutMs: 5000 })
  const outcome = producer.publish('orders', 'x', { tenantId: 'acme' })
    .then(() => 'delivered', (error: unknown) => error)

  await producer.shutdown()
  const error = await outcome
  expect(error).toBeInstanceOf(KafkaProducerError)
  expect(error).toMatchObject({ code: 'CONNECT_FAILED', retriable: true })
  expect(client.disconnects).toBe(1)
})
