// Raw KafkaJS against tenantkit's producer, against the same broker in one
// run: KAFKA_BROKERS when set, else librdkafka's mock cluster through kcat.
// Many short rounds, interleaved by compare(), so that a neighbour's burst
// of CPU on this shared machine hits both sides of a ratio alike.
import { compare, target } from '@tenantkit/bench'
import { findKafka } from '@tenantkit/testing'
import { Kafka, logLevel, Partitioners } from 'kafkajs'
import { createProducer } from '../src/index'

const broker = await findKafka({ testcontainers: false })
const brokers = [...broker.brokers]
process.stdout.write(`broker: ${brokers.join(',')} (${broker.source})\n`)

const raw = new Kafka({ brokers, logLevel: logLevel.NOTHING })
  .producer({ createPartitioner: Partitioners.DefaultPartitioner })
const producer = createProducer({ brokers, clientId: 'tk-bench' })
const run = `${Date.now()}`

// Both sides send the same thing: a small JSON event, keyed by tenant,
// with the tenant header.
const event = (i: number): { type: string; n: number } => ({ type: 'bench', n: i })
const tenant = (i: number): string => `tenant-${i % 10}`
const rawSend = (topic: string, i: number): Promise<unknown> => raw.send({
  topic,
  messages: [{
    key: tenant(i),
    value: JSON.stringify(event(i)),
    headers: { 'tenant-id': tenant(i) },
  }],
})
const publish = (topic: string, i: number): Promise<void> =>
  producer.publish(topic, event(i), { tenantId: tenant(i) })
const times = (n: number): number[] => Array.from({ length: n }, (_, i) => i)

try {
  await raw.connect()
  await Promise.all([rawSend(`bench-raw-${run}`, 0), publish(`bench-tk-${run}`, 0)])

  const concurrent = await compare('concurrent: one message per call, all at once', [
    { name: 'kafkajs send()', run: (ops) =>
      Promise.all(times(ops).map((i) => rawSend(`bench-raw-${run}`, i))).then() },
    { name: 'tenantkit publish()', run: (ops) =>
      Promise.all(times(ops).map((i) => publish(`bench-tk-${run}`, i))).then() },
  ], { ops: 2000, rounds: 9, unit: 'msg' })
  target('concurrent tenantkit vs concurrent kafkajs',
    concurrent[1]?.speedup ?? 0, '>=', 5)

  const sequential = await compare('sequential: each call awaited before the next', [
    { name: 'kafkajs send()', run: async (ops) => {
      for (let i = 0; i < ops; i++) await rawSend(`bench-raw-${run}`, i)
    } },
    { name: 'tenantkit publish()', run: async (ops) => {
      for (let i = 0; i < ops; i++) await publish(`bench-tk-${run}`, i)
    } },
  ], { ops: 300, rounds: 21, unit: 'msg', metric: 'time' })
  target('sequential tenantkit time vs sequential kafkajs',
    sequential[1]?.timeRatio ?? Number.POSITIVE_INFINITY, '<=', 1.1)
} finally {
  await Promise.all([raw.disconnect(), producer.shutdown()])
  await broker.stop()
}
