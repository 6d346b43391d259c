import { startKcatMockCluster } from '@tenantkit/testing'
import { expect, test } from 'vitest'
import { createProducer, KafkaConnectionError } from '../src/index'
import { uniqueTopic } from './support/consume'

// On a real Kafka the idempotent producer delivers: that is checked by
// test/real-kafka/idempotence.ts (`pnpm test:real-kafka`). Here, against
// librdkafka's mock cluster, the documented failure mode is checked.
test('the mock broker refuses the idempotent producer with a typed error', async () => {
  const broker = await startKcatMockCluster()
  const producer = createProducer({ brokers: broker.brokers, idempotent: true })
  const topic = uniqueTopic('idempotent')
  try {
    // Every attempt fails the same way: nothing is sent without idempotence.
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await producer.publish(topic, 'x', { tenantId: 'acme' })
        .then(() => undefined, (e: unknown) => e)
      expect(error).toBeInstanceOf(KafkaConnectionError)
      expect((error as Error).cause).toMatchObject({
        name: 'KafkaJSBrokerNotFound',
        message: 'Broker 0 not found in the cached metadata',
      })
    }
  } finally {
    await producer.shutdown()
    await broker.stop()
  }
})
