import { expect, test } from 'vitest'
import { createProducer } from '../src/index'
import { countingClient } from './support/counting-client'
import { startPausableBroker } from './support/pausable-broker'

test('a connect that completes after shutdown gave up sends nothing', async () => {
  // A frozen broker accepts the TCP connection but answers nothing, so
  // the first connect hangs past the shutdown timeout.
  const broker = await startPausableBroker()
  try {
    broker.pause()
    const client = countingClient([broker.address])
    const producer = createProducer({ client, shutdownTimeoutMs: 200 })
    const outcome = producer.publish('orders', 'x', { tenantId: 'acme' })
      .then(() => 'delivered', (error: { code?: string }) => error.code)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await producer.shutdown()
    expect(await outcome).toBe('SHUTDOWN_TIMEOUT')

    // The broker wakes up: the connect still in flight now succeeds, and
    // shutdown's background disconnect follows. No produce request may.
    broker.resume()
    const deadline = Date.now() + 15_000
    while (client.disconnects === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(client.disconnects).toBe(1)
    expect(client.batches).toEqual([])
  } finally {
    await broker.stop()
  }
})
