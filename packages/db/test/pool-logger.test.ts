import { expect, test } from 'vitest'
import { createLog, type LogEvent } from '../src/core'

test('events below the level are never built', () => {
  const events: LogEvent[] = []
  const log = createLog({ level: 'warn', log: (e) => events.push(e) }, 'db.pool')
  let built = 0
  log.info('ignored', () => ({ n: ++built }))
  log.warn('kept', () => ({ n: ++built }))
  expect(built).toBe(1)
  expect(events).toEqual([
    { level: 'warn', component: 'db.pool', message: 'kept', context: { n: 1 } },
  ])
})

test('a plain function logs from info up; no logger logs nothing', () => {
  const events: LogEvent[] = []
  const log = createLog((e) => events.push(e), 'db.pool')
  log.debug('hidden')
  log.error('shown')
  expect(events.map((e) => e.message)).toEqual(['shown'])
  expect(createLog(undefined, 'db.pool').enabled('error')).toBe(false)
})

test('a logger that throws never breaks the caller', () => {
  const log = createLog(() => {
    throw new Error('broken sink')
  }, 'db.pool')
  expect(() => log.error('still fine')).not.toThrow()
})
