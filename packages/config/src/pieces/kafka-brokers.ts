import { z } from 'zod'
import type { ConfigEntry } from '../entry'
import { piece } from './piece'
import { parseDigits, report } from './report'

const EXPECTED =
  'comma-separated host:port pairs, e.g. kafka-1:9092,kafka-2:9092'

const BROKER =
  /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?):(\d+)$/

const schema = z.string().transform((raw, ctx) => {
  const brokers = raw.split(',').map((part) => part.trim())
  for (const [index, broker] of brokers.entries()) {
    const problem = brokerProblem(broker)
    if (problem) {
      const where = `broker ${index + 1} of ${brokers.length}`
      report(ctx, `${EXPECTED}; ${where} ${problem}`)
    }
  }
  return brokers
})

function brokerProblem(broker: string): string | undefined {
  if (broker === '') return 'is empty (two commas in a row?)'
  const match = BROKER.exec(broker)
  if (!match) return 'is not host:port'
  const port = parseDigits(match[2] ?? '')
  if (port === undefined || port < 1 || port > 65535) {
    return 'has a port outside 1-65535'
  }
  return undefined
}

/**
 * Kafka bootstrap brokers as `host:port,host:port`, loaded as a list in
 * the given order. Hosts are names, IPv4 addresses or `[IPv6]` addresses.
 *
 * @example
 * KAFKA_BROKERS: kafkaBrokers().requiredInProduction({
 *   development: ['127.0.0.1:9092'],
 * })
 */
export function kafkaBrokers(): ConfigEntry<string[], false> {
  return piece(false, { schema, expected: EXPECTED })
}
