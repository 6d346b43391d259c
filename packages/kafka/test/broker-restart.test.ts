import { startKcatMockCluster, type KafkaBroker } from '@tenantkit/testing'
import { afterAll, expect, test } from 'vitest'
import { createProducer, KafkaProducerError } from '../src/index'
import { consume, uniqueTopic } from './support/consume'
import { createTcpProxy } from './support/tcp-proxy'

const brokers: KafkaBroker[] = []
afterAll(async () => {
  await Promise.all(brokers.map((b) => b.stop()))
})

async function startBroker(): Promise<string> {
  const broker = await startKcatMockCluster()
  brokers.push(broker)
  return broker.brokers[0] ?? ''
}

test('a broker killed mid-stream and restarted leaves every publish settled', async () => {
  // The bootstrap address stays; the broker behind it dies and is replaced.
  const proxy = await createTcpProxy()
  proxy.target(await startBroker())
  await proxy.open()
  const producer = createProducer({
    brokers: [proxy.address],
    retry: { retries: 2, initialRetryTime: 50, maxRetryTime: 200 },
    requestTimeoutMs: 2000,
  })
  const topic = uniqueTopic('restart')
  const outcomes: Array<Promise<'delivered' | KafkaProducerError>> = []
  const publish = (i: number): void => {
    outcomes.push(producer.publish(topic, `m${i}`, { tenantId: `t${i % 5}` })
      .then(() => 'delivered' as const, (error: KafkaProducerError) => error))
  }

  // A steady stream: a few messages every millisecond or so.
  let sent = 0
  const stream = setInterval(() => {
    for (let i = 0; i < 5; i++) publish(sent++)
  }, 1)
  await new Promise((resolve) => setTimeout(resolve, 300))
  await brokers[0]?.stop()
  await new Promise((resolve) => setTimeout(resolve, 300))
  const replacement = await startBroker()
  proxy.target(replacement)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  clearInterval(stream)

  // Every promise settles, in bounded time, delivered or with a typed error.
  const settled = await Promise.race([
    Promise.all(outcomes),
    new Promise<never>((_, reject) => setTimeout(
      () => reject(new Error('publish promises still pending after 15 s')), 15_000)),
  ])
  // The broker was gone for longer than the retries could bridge.
  const failures = settled.filter((o) => o !== 'delivered')
  expect(failures.length).toBeGreaterThan(0)
  for (const failure of failures) {
    expect(failure).toBeInstanceOf(KafkaProducerError)
    expect(failure).toMatchObject({ retriable: true, topic })
  }
  expect(settled.length).toBeGreaterThan(100)
  expect(settled.at(-1)).toBe('delivered')

  // After the restart publishing works and reaches the new broker.
  await producer.publish(topic, 'after', { tenantId: 'acme' })
  expect(producer.health()).toMatchObject({ connected: true, inFlight: 0 })
  const received = await consume([replacement], topic, 1)
  expect(received.length).toBeGreaterThan(0)
  await producer.shutdown()
  await proxy.close()
})
