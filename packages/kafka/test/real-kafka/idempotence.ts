// The idempotent producer needs a real Kafka: librdkafka's mock cluster
// refuses it (see idempotence.test.ts). Run against one with
//   KAFKA_BROKERS=host:9092 pnpm test:real-kafka
// It exits non-zero, saying why, when the broker is missing or refuses.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { createProducer } from '../../src/index'
import { consume } from '../support/consume'

const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',').filter(Boolean)
if (brokers.length === 0) {
  process.stderr.write('Set KAFKA_BROKERS to a real Kafka broker list.\n')
  process.exit(2)
}

const topic = `tk-idempotence-${randomUUID().slice(0, 8)}`
const producer = createProducer({
  brokers, idempotent: true, acks: -1, clientId: 'tk-idempotence',
})
try {
  await Promise.all(Array.from({ length: 100 }, (_, i) =>
    producer.publish(topic, `m${i}`, { tenantId: `t${i % 4}` })))
  const received = await consume(brokers, topic, 100, { timeoutMs: 60_000 })
  assert.equal(new Set(received.map((m) => m.value)).size, 100)
  process.stdout.write(`idempotent producer delivered 100 messages to ${topic}\n`)
} finally {
  await producer.shutdown()
}
