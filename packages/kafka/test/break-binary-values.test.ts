import { expect, inject, test } from 'vitest'
import { createProducer, KafkaValidationError, type MessageValue } from '../src/index'
import { countingClient } from './support/counting-client'

const brokers = inject('tenantkitKafkaBrokers')

// These are bytes to a reader, but JSON.stringify turns an ArrayBuffer or
// a DataView into "{}" and other typed arrays into {"0":..,"1":..}: the
// publish used to resolve with the payload silently replaced.
test.each([
  ['an ArrayBuffer', new TextEncoder().encode('payload').buffer],
  ['a SharedArrayBuffer', new SharedArrayBuffer(8)],
  ['a DataView', new DataView(new ArrayBuffer(8))],
  ['an Int16Array', new Int16Array([1, 2, 3])],
  ['a Float64Array', new Float64Array([1.5])],
])('%s is refused instead of being sent as JSON', async (_label, value) => {
  const client = countingClient(brokers)
  const producer = createProducer({ client })
  const publish = producer.publish('orders', value as unknown as MessageValue, {
    tenantId: 'acme',
  })
  const error = await publish.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(KafkaValidationError)
  expect((error as Error).message).toMatch(/Buffer/)
  expect(client.connects).toBe(0)
  await producer.shutdown()
})
