import { randomUUID } from 'node:crypto'
import { expect, inject, test } from 'vitest'
import { getProducer, KafkaConfigError, KafkaShutdownError } from '../src/index'
import { consume, uniqueTopic } from './support/consume'
import { countingClient } from './support/counting-client'

const brokers = inject('tenantkitKafkaBrokers')
// Singletons live for the whole process: every test uses its own clientId.
const clientId = (): string => `tk-singleton-${randomUUID().slice(0, 8)}`

test('the same configuration returns the same producer', async () => {
  const id = clientId()
  const first = getProducer({ brokers: ['127.0.0.1:1', ...brokers], clientId: id })
  const again = getProducer({ brokers: [...brokers, '127.0.0.1:1'], clientId: id })
  const other = getProducer({ brokers: [...brokers, '127.0.0.1:1'], clientId: clientId() })

  expect(again).toBe(first)
  expect(other).not.toBe(first)
  await Promise.all([first.shutdown(), other.shutdown()])
})

test('a different configuration under the same name is a clear error', () => {
  const id = clientId()
  getProducer({ brokers, clientId: id, lingerMs: 0, logger: {} })

  // A different logger is fine (the first one stays); behaviour is not.
  expect(getProducer({ brokers, clientId: id, logger: console }))
    .toBe(getProducer({ brokers, clientId: id }))
  const conflict = (): unknown => getProducer({ brokers, clientId: id, lingerMs: 5, acks: 1 })
  expect(conflict).toThrow(KafkaConfigError)
  expect(conflict).toThrow(/already exists with different acks, lingerMs/)
})

test('credentials are compared without being echoed', () => {
  const id = clientId()
  const sasl = { mechanism: 'plain', username: 'svc', password: 'first-secret' }
  getProducer({ brokers, clientId: id, sasl })

  expect(getProducer({ brokers, clientId: id, sasl: { ...sasl } }))
    .toBe(getProducer({ brokers, clientId: id, sasl }))
  let error: unknown
  try {
    getProducer({ brokers, clientId: id, sasl: { ...sasl, password: 'other-secret' } })
  } catch (caught) {
    error = caught
  }
  expect(error).toMatchObject({ code: 'CONFIG_CONFLICT' })
  expect(String(error)).toMatch(/different sasl/)
  expect(String(error)).not.toMatch(/secret/)
})

test('a brought client needs a name, and the name keys the singleton', async () => {
  const client = countingClient(brokers)
  const name = `events-${randomUUID()}`
  expect(() => getProducer({ client })).toThrow(/needs a `name`/)

  const producer = getProducer({ client, name })
  expect(getProducer({ client, name })).toBe(producer)
  expect(() => getProducer({ client: countingClient(brokers), name }))
    .toThrow(/different client/)

  const topic = uniqueTopic('singleton')
  await producer.publish(topic, 'via a brought client', { tenantId: 'acme' })
  const [message] = await consume(brokers, topic, 1)
  expect(message).toMatchObject({ key: 'acme', value: 'via a brought client' })
  await producer.shutdown()
  expect(client.disconnects).toBe(1)
})

test('after a completed shutdown, getProducer hands out a fresh live producer', async () => {
  const options = { brokers, clientId: clientId() }
  const producer = getProducer(options)
  const topic = uniqueTopic('restart')
  await producer.publish(topic, 'before', { tenantId: 'acme' })

  // While the shutdown runs, the same (refusing) producer comes back.
  const stopping = producer.shutdown()
  expect(getProducer(options)).toBe(producer)
  await stopping

  // Shutdown ended that instance only.
  await expect(producer.publish(topic, 'v', { tenantId: 'acme' }))
    .rejects.toThrow(KafkaShutdownError)
  expect(producer.health().state).toBe('shut-down')
  const fresh = getProducer(options)
  expect(fresh).not.toBe(producer)
  expect(getProducer(options)).toBe(fresh)
  await fresh.publish(topic, 'after', { tenantId: 'acme' })
  expect(fresh.health().state).toBe('connected')
  expect((await consume(brokers, topic, 2)).map((m) => m.value)).toEqual(['before', 'after'])

  // The live one is still guarded against a different configuration...
  expect(() => getProducer({ ...options, lingerMs: 50 })).toThrow(/different lingerMs/)
  await fresh.shutdown()
  // ...a shut-down one is not: the next producer takes the new options.
  const retuned = getProducer({ ...options, lingerMs: 50 })
  expect(retuned).not.toBe(fresh)
  expect(retuned.health().state).toBe('disconnected')
  await retuned.shutdown()
})
