import { startKcatMockCluster, type KafkaBroker } from '@tenantkit/testing'
import { afterAll, expect, test } from 'vitest'
import { createProducer, KafkaConnectionError } from '../src/index'
import { consume, uniqueTopic } from './support/consume'
import { countingClient } from './support/counting-client'
import { createTcpProxy } from './support/tcp-proxy'

let broker: KafkaBroker | undefined
afterAll(async () => {
  await broker?.stop()
})

test('no broker at start gives typed errors, then works once one appears', async () => {
  // The producer's only bootstrap address is a loopback port nobody serves.
  const proxy = await createTcpProxy()
  const client = countingClient([proxy.address], 1)
  const producer = createProducer({ client })
  const topic = uniqueTopic('absent')

  // Concurrent publishes share one failed connect and all reject typed.
  const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) =>
    producer.publish(topic, `early ${i}`, { tenantId: 'acme' })))
  expect(client.connects).toBe(1)
  for (const result of results) {
    expect(result.status).toBe('rejected')
    const error = (result as PromiseRejectedResult).reason as KafkaConnectionError
    expect(error).toBeInstanceOf(KafkaConnectionError)
    expect(error).toMatchObject({ code: 'CONNECT_FAILED', retriable: true })
    expect(error.cause).toBeInstanceOf(Error)
  }
  expect(producer.health()).toMatchObject({
    state: 'disconnected', connected: false, inFlight: 0,
    lastError: expect.any(KafkaConnectionError),
  })

  // A broker appears behind that address; the next publish connects.
  broker = await startKcatMockCluster()
  proxy.target(broker.brokers[0] ?? '')
  await proxy.open()
  await producer.publish(topic, 'late', { tenantId: 'acme' })

  expect(client.connects).toBe(2)
  expect(producer.health()).toMatchObject({ state: 'connected', connected: true })
  const [message] = await consume(broker.brokers, topic, 1)
  expect(message).toMatchObject({ key: 'acme', value: 'late' })
  await producer.shutdown()
  await proxy.close()
})
