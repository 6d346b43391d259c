import { connect } from 'node:net'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { createMigratedDatabase, type TestDatabase } from './support/test-database'
import { startTestService } from './support/test-service'

// A client that sends a request's headers and then only part of its body
// keeps that request open for as long as it likes. Graceful shutdown
// waits for in-flight requests, but not for ever: past the grace period
// the connections left are closed, and the pool and producer still close.

let database: TestDatabase

beforeAll(async () => {
  database = await createMigratedDatabase(inject('tenantkitPostgresUrl'))
})
afterAll(async () => {
  await database?.drop()
})

test('a client that never finishes its body cannot hold shutdown open', async () => {
  const app = await startTestService(database, { shutdownGraceMs: 500 })
  const tenant = await app.createTenant('Acme')
  const { port } = new URL(app.service.url)
  const socket = connect(Number(port), '127.0.0.1')
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  socket.on('error', () => {})
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  // In flight once the server has its headers: its handler waits for the body.
  const received = new Promise<void>((resolve) => {
    app.service.app.server.once('request', () => resolve())
  })
  socket.write('POST /integrations HTTP/1.1\r\nHost: x\r\n' +
    `Authorization: Bearer ${tenant.key}\r\n` +
    'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"code":')
  await received

  const stopped = app.service.stop().then(() => 'stopped' as const)
  const hung = new Promise<'hung'>((resolve) => {
    setTimeout(() => resolve('hung'), 20_000).unref()
  })
  const outcome = await Promise.race([stopped, hung])
  socket.destroy()
  expect(outcome).toBe('stopped')
  await closed
  // The pool is closed: its sessions end (the server notes it at once or
  // a moment later, while the backend exits).
  let sessions = -1
  for (let i = 0; i < 100 && sessions !== 0; i += 1) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50))
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where usename = ${database.runtimeRole}`.execute(database.owner)
    sessions = rows[0]?.n ?? -1
  }
  expect(sessions).toBe(0)
  await app.stop()
})
