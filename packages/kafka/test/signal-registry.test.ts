import { randomUUID } from 'node:crypto'
import { expect, inject, test } from 'vitest'
import { createProducer, getProducer } from '../src/index'
import { signalHandledCount } from '../src/signals'
import { consume, uniqueTopic } from './support/consume'

const brokers = inject('tenantkitKafkaBrokers')

// No signal is sent here (signals.test.ts does that in child processes):
// these count what a signal would shut down, and the listeners installed.
test('create/shutdown cycles with handleSignals leave nothing registered', async () => {
  const before = signalHandledCount()
  const warm = createProducer({ brokers, handleSignals: true })
  const listeners = process.listenerCount('SIGTERM')
  expect(signalHandledCount()).toBe(before + 1)
  await warm.shutdown()
  expect(signalHandledCount()).toBe(before)

  const topic = uniqueTopic('signal-cycles')
  for (let i = 0; i < 20; i++) {
    const producer = createProducer({ brokers, handleSignals: true })
    expect(signalHandledCount()).toBe(before + 1)
    // Half of them connect and deliver before shutting down.
    if (i % 2 === 0) await producer.publish(topic, `m${i}`, { tenantId: 'acme' })
    await producer.shutdown()
    expect(signalHandledCount()).toBe(before)
  }
  // The listeners were installed once, not once per producer.
  expect(process.listenerCount('SIGTERM')).toBe(listeners)
  expect(process.listenerCount('SIGINT')).toBeGreaterThan(0)
  expect(await consume(brokers, topic, 10)).toHaveLength(10)
})

test('getProducer restarts with handleSignals register one live producer', async () => {
  const before = signalHandledCount()
  const clientId = `tk-signals-${randomUUID().slice(0, 8)}`
  const options = { brokers, clientId, handleSignals: true }
  const listeners = process.listenerCount('SIGTERM')
  const seen = new Set<unknown>()
  for (let i = 0; i < 10; i++) {
    const producer = getProducer(options)
    seen.add(producer)
    // Asking again, signals on, registers nothing more.
    expect(getProducer(options)).toBe(producer)
    expect(signalHandledCount()).toBe(before + 1)
    await producer.shutdown()
    expect(signalHandledCount()).toBe(before)
  }
  expect(seen.size).toBe(10)
  expect(process.listenerCount('SIGTERM')).toBe(listeners)
})

test('a producer still shutting down stays registered until it is done', async () => {
  const before = signalHandledCount()
  const producer = createProducer({ brokers, handleSignals: true, lingerMs: 1000 })
  const topic = uniqueTopic('signal-pending')
  const sent = producer.publish(topic, 'queued', { tenantId: 'acme' })
  const stopping = producer.shutdown()
  expect(producer.health().state).toBe('shutting-down')
  expect(signalHandledCount()).toBe(before + 1)
  await stopping
  await sent
  expect(signalHandledCount()).toBe(before)
})
