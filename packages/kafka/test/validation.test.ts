import { expect, inject, test } from 'vitest'
import {
  createProducer,
  KafkaConfigError,
  KafkaValidationError,
  type ProducerOptions,
  type PublishOptions,
} from '../src/index'
import { countingClient } from './support/counting-client'

const brokers = inject('tenantkitKafkaBrokers')

test('invalid publish arguments reject with a typed error and send nothing', async () => {
  const client = countingClient(brokers)
  const producer = createProducer({ client, maxBatchBytes: 1000 })
  const tenant = { tenantId: 'acme' }
  const circular: Record<string, unknown> = { secret: 'hunter2' }
  circular['self'] = circular
  const cases: Array<[string, unknown, unknown, RegExp]> = [
    ['', 'v', tenant, /Invalid topic name/],
    ['a b', 'v', tenant, /Invalid topic name/],
    ['..', 'v', tenant, /Invalid topic name/],
    ['x'.repeat(250), 'v', tenant, /Invalid topic name/],
    ['t', 42, tenant, /message is a number/],
    ['t', null, tenant, /message is null/],
    ['t', undefined, tenant, /message is undefined/],
    ['t', circular, tenant, /cannot be serialised as JSON/],
    ['t', { n: 1n }, tenant, /cannot be serialised as JSON/],
    ['t', 'v', undefined, /needs options with a tenantId/],
    ['t', 'v', {}, /tenantId must be a non-empty string/],
    ['t', 'v', { tenantId: ' ' }, /tenantId must be a non-empty string/],
    ['t', 'v', { tenantId: 'a', key: '' }, /key must be a non-empty/],
    ['t', 'v', { tenantId: 'a', key: 5 }, /key must be a non-empty/],
    ['t', 'v', { tenantId: 'a', headers: { n: 1 } }, /header "n" is not/],
    ['t', 'v', { tenantId: 'a', headers: [] }, /headers must be an object/],
    ['t', 'v', { tenantId: 'a', headers: { 'Tenant-Id': 'b' } }, /set from tenantId/],
    ['t', 'x'.repeat(2000), tenant, /more than maxBatchBytes \(1000\)/],
  ]

  for (const [topic, message, options, reason] of cases) {
    const publish = producer.publish(topic, message as string, options as PublishOptions)
    const error = await publish.then(() => undefined, (e: unknown) => e)
    expect(error, `${reason}`).toBeInstanceOf(KafkaValidationError)
    expect(error).toMatchObject({ code: 'INVALID_MESSAGE', retriable: false })
    expect((error as Error).message).toMatch(reason)
    // Errors say what was wrong and how to fix it, never what was sent.
    expect((error as Error).message).not.toContain('hunter2')
    expect((error as KafkaValidationError).fix.length).toBeGreaterThan(10)
  }
  expect(client.connects).toBe(0)
  expect(producer.health()).toMatchObject({ inFlight: 0, state: 'disconnected' })
  await producer.shutdown()
})

test('invalid options throw a KafkaConfigError that names the option', () => {
  const cases: Array<[unknown, RegExp]> = [
    [undefined, /options must be an object/],
    [{}, /brokers is empty and no client was given/],
    [{ brokers: 'localhost:9092' }, /brokers must be an array/],
    [{ brokers: ['localhost'] }, /brokers\[0\] is not "host:port"/],
    [{ brokers, clientId: '' }, /clientId must be a non-empty string/],
    [{ brokers, lingerMs: -1 }, /lingerMs must be an integer >= 0/],
    [{ brokers, maxBatchSize: 0 }, /maxBatchSize must be an integer >= 1/],
    [{ brokers, maxBatchBytes: 1.5 }, /maxBatchBytes must be an integer/],
    [{ brokers, shutdownTimeoutMs: Number.NaN }, /shutdownTimeoutMs/],
    [{ brokers, tenantHeader: 'tenant id' }, /tenantHeader must be printable/],
    [{ brokers, acks: 2 }, /acks must be -1, 0 or 1/],
    [{ brokers, idempotent: true, acks: 1 }, /idempotent: true requires acks: -1/],
    [{ client: { connect: async () => {} } }, /client lacks disconnect, sendBatch/],
    [{ client: countingClient(brokers), idempotent: true },
      /idempotent cannot be set together with client/],
  ]
  for (const [options, reason] of cases) {
    expect(() => createProducer(options as ProducerOptions)).toThrow(KafkaConfigError)
    expect(() => createProducer(options as ProducerOptions)).toThrow(reason)
  }
})
