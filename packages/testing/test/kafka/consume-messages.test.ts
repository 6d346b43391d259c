import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { consumeMessages, uniqueTopic } from '../../src/kafka'
import { startKcatMockCluster, type KafkaBroker } from '../../src/index'

let broker: KafkaBroker

beforeAll(async () => {
  broker = await startKcatMockCluster()
})
afterAll(() => broker.stop())

test('reads back keys, values and headers of what was produced', async () => {
  const topic = uniqueTopic('consume')
  const kafka = new Kafka({ brokers: [...broker.brokers], logLevel: logLevel.NOTHING })
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({
    topic,
    messages: [
      { key: 'tenant-a', value: 'first', headers: { 'tenant-id': 'a' } },
      { key: null, value: 'second', headers: { 'tenant-id': Buffer.from('b') } },
    ],
  })
  await producer.disconnect()

  const messages = await consumeMessages(broker.brokers, topic, 2)
  // The two may land on different partitions, which keep no common order.
  const read = messages.map(({ key, value, headers }) => ({ key, value, headers }))
    .sort((x, y) => String(x.value).localeCompare(String(y.value)))
  expect(read).toEqual([
    { key: 'tenant-a', value: 'first', headers: { 'tenant-id': 'a' } },
    { key: null, value: 'second', headers: { 'tenant-id': 'b' } },
  ])
})

test('fails with how many arrived when the count is not reached in time', async () => {
  const topic = uniqueTopic('consume-empty')
  await expect(consumeMessages(broker.brokers, topic, 1, { timeoutMs: 1500 }))
    .rejects.toThrow(`only 0 of 1 messages arrived on ${topic} within 1500 ms`)
})

test('refuses arguments it cannot use, before connecting', async () => {
  await expect(consumeMessages([], 't', 1)).rejects.toThrow('brokers is empty')
  await expect(consumeMessages(broker.brokers, '', 1)).rejects.toThrow('topic is empty')
  await expect(consumeMessages(broker.brokers, 't', 0))
    .rejects.toThrow('count is not a positive integer')
  expect(() => uniqueTopic('no spaces')).toThrow('not a valid topic name part')
  expect(uniqueTopic('orders')).toMatch(/^orders-[0-9a-f]{8}$/)
})
