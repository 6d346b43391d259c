import { expect, inject, test } from 'vitest'
import { createProducer } from '../src/index'
import { uniqueTopic } from './support/consume'

const brokers = inject('tenantkitKafkaBrokers')

test('flush() settles what was accepted before it, even while publishing goes on', async () => {
  const producer = createProducer({ brokers, clientId: 'tk-flush-progress' })
  const topic = uniqueTopic('flush-progress')
  await producer.publish(topic, 'warm-up', { tenantId: 'acme' })

  // Keep messages in flight without pause, for at most five seconds.
  let stop = false
  const later: Array<Promise<void>> = []
  const stopAt = Date.now() + 5_000
  const load = (async () => {
    while (!stop && Date.now() < stopAt) {
      for (let i = 0; i < 200; i++) {
        later.push(producer.publish(topic, 'm', { tenantId: 'acme' }))
      }
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
  })()
  await new Promise((resolve) => setTimeout(resolve, 100))

  let before = 'pending'
  const accepted = producer.publish(topic, 'before', { tenantId: 'acme' })
    .then(() => { before = 'delivered' })
  const flushed = await Promise.race([
    producer.flush().then(() => 'flushed'),
    new Promise((resolve) => setTimeout(() => resolve('flush still pending'), 3_000)),
  ])
  const loadStillRunning = !stop && Date.now() < stopAt
  stop = true
  await load

  expect(loadStillRunning).toBe(true)
  expect(flushed).toBe('flushed')
  expect(before).toBe('delivered')
  await Promise.all([accepted, ...later])
  await producer.shutdown()
})
