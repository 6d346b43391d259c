import { randomUUID } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { expect, inject, test } from 'vitest'

test('the provisioned broker speaks the Kafka protocol: produce one, consume it back', async () => {
  const kafka = new Kafka({ brokers: inject('tenantkitKafkaBrokers'), logLevel: logLevel.NOTHING })
  const topic = `broker-probe-${randomUUID()}`
  const producer = kafka.producer()
  const consumer = kafka.consumer({ groupId: `probe-${randomUUID()}` })

  await producer.connect()
  await producer.send({ topic, messages: [{ key: 'k', value: 'hello' }] })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })

  const received = new Promise<{ key: string; value: string }>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        resolve({ key: String(message.key), value: String(message.value) })
      },
    })
  })
  try {
    expect(await received).toEqual({ key: 'k', value: 'hello' })
  } finally {
    await consumer.disconnect()
    await producer.disconnect()
  }
})
