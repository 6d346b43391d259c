import { Kafka, logLevel, Partitioners } from 'kafkajs'
import { afterEach, expect, inject, test } from 'vitest'
import {
  createProducer,
  type KafkaProducerClient,
  type TenantProducer,
} from '../src/index'
import { consume, uniqueTopic } from './support/consume'
import { countingClient } from './support/counting-client'

const brokers = inject('tenantkitKafkaBrokers')
const open: TenantProducer[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.shutdown()))
})

test('messages arrive with the tenant header, keyed by tenant', async () => {
  const producer = createProducer({ brokers, clientId: 'tk-publish' })
  open.push(producer)
  const topic = uniqueTopic('publish')

  // One of each kind of value: object (JSON), string, bytes.
  await Promise.all([
    producer.publish(topic, { type: 'signup', n: 1 }, { tenantId: 'acme' }),
    producer.publish(topic, 'plain text', { tenantId: 'globex' }),
    producer.publish(topic, Buffer.from('bytes'), {
      tenantId: 'initech',
      key: 'order-7',
      headers: { source: 'billing' },
    }),
  ])

  const received = await consume(brokers, topic, 3)
  const byValue = Object.fromEntries(received.map((m) => [m.value, m]))
  // The partition depends on the broker's topic defaults.
  const partition = expect.any(Number)
  expect(byValue['{"type":"signup","n":1}']).toEqual({
    partition,
    key: 'acme', value: '{"type":"signup","n":1}', headers: { 'tenant-id': 'acme' },
  })
  expect(byValue['plain text']?.key).toBe('globex')
  expect(byValue['bytes']).toEqual({
    partition,
    key: 'order-7',
    value: 'bytes',
    headers: { 'tenant-id': 'initech', source: 'billing' },
  })
})

test('the tenant header name is configurable', async () => {
  const producer = createProducer({
    brokers, clientId: 'tk-header', tenantHeader: 'x-tenant',
  })
  open.push(producer)
  const topic = uniqueTopic('header')

  await producer.publish(topic, 'hello', { tenantId: 'acme' })

  const [message] = await consume(brokers, topic, 1)
  expect(message?.headers).toEqual({ 'x-tenant': 'acme' })
})

test('a thousand concurrent first publishes connect once, in few batches', async () => {
  const client = countingClient(brokers)
  const producer = createProducer({ client, maxBatchSize: 400 })
  open.push(producer)
  const topic = uniqueTopic('burst')

  const publishes = Array.from({ length: 1000 }, (_, i) =>
    producer.publish(topic, { i }, { tenantId: `tenant-${i % 10}` }))
  expect(producer.health().inFlight).toBe(1000)
  await Promise.all(publishes)

  expect(client.connects).toBe(1)
  expect(client.batches).toEqual([400, 400, 200])
  expect(producer.health()).toMatchObject({ connected: true, inFlight: 0 })
  const received = await consume(brokers, topic, 1000)
  expect(new Set(received.map((m) => m.value)).size).toBe(1000)
})

test('a tenant\'s messages keep their order across batches', async () => {
  const producer = createProducer({ brokers, maxBatchSize: 7 })
  open.push(producer)
  const topic = uniqueTopic('order')

  await Promise.all(Array.from({ length: 60 }, (_, i) =>
    producer.publish(topic, String(i), { tenantId: `t${i % 3}` })))

  const received = await consume(brokers, topic, 60)
  for (const tenant of ['t0', 't1', 't2']) {
    const values = received.filter((m) => m.key === tenant).map((m) => Number(m.value))
    expect(values).toEqual([...values].sort((a, b) => a - b))
    expect(values).toHaveLength(20)
  }
})

test('without linger an idle topic sends at once; with linger it waits', async () => {
  const eager = countingClient(brokers)
  const lingering = countingClient(brokers)
  const producers = [
    createProducer({ client: eager }),
    createProducer({ client: lingering, lingerMs: 200 }),
  ]
  open.push(...producers)
  const topic = uniqueTopic('linger')
  await Promise.all(producers.map((p) => p.publish(topic, 'connect', { tenantId: 'a' })))

  // Ten publishes spread over a few turns of the event loop.
  const publishes = producers.map(async (producer) => {
    const sent: Array<Promise<void>> = []
    for (let i = 0; i < 10; i++) {
      sent.push(producer.publish(topic, `m${i}`, { tenantId: 'a' }))
      await new Promise((resolve) => setImmediate(resolve))
    }
    await Promise.all(sent)
  })
  await Promise.all(publishes)

  // Eager: the first leaves alone, the rest ride the round trips after it.
  expect(eager.batches[1]).toBe(1)
  expect(eager.batches.slice(1).reduce((a, b) => a + b)).toBe(10)
  // Lingering: everything within 200 ms shares one request.
  expect(lingering.batches).toEqual([1, 10])
})

test('acks reach the client only when set, and each setting delivers', async () => {
  const topic = uniqueTopic('acks')
  for (const acks of [undefined, 1, 0] as const) {
    const client = countingClient(brokers)
    const seen: Array<number | undefined> = []
    const sendBatch = client.sendBatch.bind(client)
    const producer = createProducer({
      client: { ...client, sendBatch: (batch) => (seen.push(batch.acks), sendBatch(batch)) },
      ...(acks !== undefined && { acks }),
    })
    open.push(producer)
    await producer.publish(topic, `acks ${acks}`, { tenantId: 'acme' })
    expect(seen).toEqual([acks])
  }
  const received = await consume(brokers, topic, 3)
  expect(received.map((m) => m.value).sort())
    .toEqual(['acks 0', 'acks 1', 'acks undefined'])
})

test('a plain KafkaJS producer can be passed in as the client', async () => {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING })
  // The type annotation is the check that KafkaJS fits the interface.
  const client: KafkaProducerClient = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  })
  const producer = createProducer({ client })
  open.push(producer)
  const topic = uniqueTopic('plain-client')

  await producer.publish(topic, 'through KafkaJS', { tenantId: 'acme' })

  const [message] = await consume(brokers, topic, 1)
  expect(message).toEqual({
    partition: expect.any(Number), key: 'acme', value: 'through KafkaJS', headers: { 'tenant-id': 'acme' },
  })
})
