import { expect, inject, test } from 'vitest'
import { createProducer } from '../src/index'
import { uniqueTopic } from './support/consume'

const brokers = inject('tenantkitKafkaBrokers')

// With `logger: console` (the README's first example) a trailing undefined
// argument printed "Kafka producer connected undefined".
test('lines without context reach the logger without an undefined argument', async () => {
  const calls: unknown[][] = []
  const record = (...args: unknown[]) => { calls.push(args) }
  const producer = createProducer({ brokers, logger: { info: record, warn: record } })
  await producer.publish(uniqueTopic('log-context'), 'x', { tenantId: 'acme' })
  await producer.shutdown()

  const messages = calls.map((args) => args[0])
  expect(messages).toContain('Kafka producer connected')
  expect(messages).toContain('Kafka producer shut down')
  for (const args of calls) {
    expect(args.length === 1 || typeof args[1] === 'object').toBe(true)
    expect(args).not.toContain(undefined)
  }
})
