import { afterEach, expect, inject, test, vi } from 'vitest'
import { createProducer, type KafkaLogger, type LogContext } from '../src/index'
import { uniqueTopic } from './support/consume'

const brokers = inject('tenantkitKafkaBrokers')

interface Line {
  readonly level: string
  readonly message: string
  readonly context: LogContext | undefined
}

function capture(): { logger: KafkaLogger; lines: Line[] } {
  const lines: Line[] = []
  const at = (level: string) => (message: string, context?: LogContext) => {
    lines.push({ level, message, context })
  }
  return {
    lines,
    logger: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') },
  }
}

afterEach(() => {
  vi.restoreAllMocks()
})

test('KafkaJS logs reach the injected logger, never the console', async () => {
  const consoleCalls = (['log', 'info', 'warn', 'error', 'debug'] as const)
    .map((method) => vi.spyOn(console, method))
  const { logger, lines } = capture()
  const producer = createProducer({
    brokers: ['127.0.0.1:1'],
    logger,
    kafkaLogLevel: 5,
    retry: { retries: 1, initialRetryTime: 50 },
  })

  await expect(producer.publish('orders', 'x', { tenantId: 'acme' }))
    .rejects.toMatchObject({ code: 'CONNECT_FAILED' })
  await producer.shutdown()

  const errors = lines.filter((l) => l.level === 'error')
  expect(errors.some((l) => /^kafkajs .*Connection error/.test(l.message))).toBe(true)
  expect(errors.every((l) => typeof l.context === 'object')).toBe(true)
  // Naming the partitioner keeps KafkaJS's v2 partitioner warning away.
  expect(lines.filter((l) => /partitioner/i.test(l.message))).toEqual([])
  for (const spy of consoleCalls) expect(spy).not.toHaveBeenCalled()
})

test('debug logs of a real exchange carry no message contents', async () => {
  const { logger, lines } = capture()
  const producer = createProducer({ brokers, logger, kafkaLogLevel: 5 })
  const topic = uniqueTopic('logging')

  // Two topics wait on the same first connect.
  await Promise.all([topic, `${topic}-b`].map((t) =>
    producer.publish(t, 'payload-7f3a', {
      tenantId: 'tenant-9c1e', headers: { note: 'header-5d2b' },
    })))
  await producer.shutdown()

  expect(lines.filter((l) => l.level === 'debug').length).toBeGreaterThan(5)
  const ours = lines.filter((l) => !l.message.startsWith('kafkajs'))
  expect(ours.map((l) => l.message)).toEqual([
    'Kafka producer connected',
    'Kafka producer shutting down',
    'Kafka producer shut down',
  ])
  const text = JSON.stringify(lines)
  for (const secret of ['payload-7f3a', 'tenant-9c1e', 'header-5d2b']) {
    expect(text).not.toContain(secret)
  }
})
