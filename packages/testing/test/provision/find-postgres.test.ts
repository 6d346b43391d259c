import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { ProvisionError } from '../../src/provision/errors'
import {
  DEFAULT_LOCAL_POSTGRES_URL,
  findPostgres,
} from '../../src/provision/postgres'
import { UsageError } from '../../src/usage-error'
import { closedPort, withoutDocker } from '../support/closed-port'

let restoreDocker: () => void
beforeAll(async () => {
  restoreDocker = await withoutDocker()
})
afterAll(() => restoreDocker())

describe('an explicit URL from the environment', () => {
  test('is used exactly as given, before anything else', async () => {
    const url = new URL(inject('tenantkitPostgresUrl'))
    url.searchParams.set('application_name', 'tk_testing_explicit')
    const server = await findPostgres({
      env: { TENANTKIT_TEST_DATABASE_URL: url.toString() },
      localUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/postgres`,
    })
    expect(server.url).toBe(url.toString())
    expect(server.source).toBe('env')
    expect(server.attempts).toEqual([])
  })

  test('DATABASE_URL counts when the kit-specific variable is unset', async () => {
    const url = inject('tenantkitPostgresUrl')
    const server = await findPostgres({ env: { DATABASE_URL: url } })
    expect(server).toMatchObject({ url, source: 'env' })
  })

  test('that does not answer fails with the fix and a redacted password', async () => {
    const port = await closedPort()
    const url = `postgres://app:pw-Zq81-secret@127.0.0.1:${port}/app`
    const failure = await findPostgres({ env: { DATABASE_URL: url } })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ProvisionError)
    const message = (failure as Error).message
    expect(message).toContain(`postgres://app:***@127.0.0.1:${port}/app`)
    expect(message).toContain('ECONNREFUSED')
    expect(message).toMatch(/Fix TENANTKIT_TEST_DATABASE_URL \/ DATABASE_URL or unset it/)
    expect(message).not.toContain('pw-Zq81-secret')
  })

  test('that cannot be parsed never appears in the error', async () => {
    const failure = await findPostgres({
      env: { DATABASE_URL: 'postgres://app:pw-Zq81-secret@[not-a-host/app' },
    }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ProvisionError)
    expect((failure as Error).message).toContain('<unparseable URL>')
    expect((failure as Error).message).not.toContain('pw-Zq81-secret')
  })
})

describe('without a URL', () => {
  test('tries Testcontainers, records why it failed, then finds the local server', async () => {
    const server = await findPostgres({ env: {} })
    expect(server.source).toBe('local')
    expect(server.url).toBe(DEFAULT_LOCAL_POSTGRES_URL)
    expect(server.attempts).toHaveLength(2)
    expect(server.attempts[0]).toBe('TENANTKIT_TEST_DATABASE_URL and DATABASE_URL: not set')
    // The module loaded and a container start was attempted against Docker.
    expect(server.attempts[1]).toMatch(/^Testcontainers \(postgres:16\.4-alpine\): \S/)
    expect(server.attempts[1]).not.toContain('not installed')
  })

  test('with Testcontainers off, says so and goes straight to the local server', async () => {
    const server = await findPostgres({ env: {}, testcontainers: false })
    expect(server.source).toBe('local')
    expect(server.attempts[1]).toBe('Testcontainers: turned off by the testcontainers option')
  })

  test('with nothing reachable, lists every attempt and says what to install or set', async () => {
    const port = await closedPort()
    const failure = await findPostgres({
      env: {},
      localUrl: `postgres://postgres:pw-local-77@127.0.0.1:${port}/postgres`,
      connectTimeoutMs: 2000,
    }).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(ProvisionError)
    const error = failure as ProvisionError
    expect(error.attempts).toHaveLength(3)
    expect(error.attempts[1]).toMatch(/^Testcontainers \(postgres:16\.4-alpine\)/)
    expect(error.attempts[2]).toContain(`127.0.0.1:${port}`)
    expect(error.message).toContain('Set TENANTKIT_TEST_DATABASE_URL to a superuser URL')
    expect(error.message).toContain('npm i -D @testcontainers/postgresql')
    expect(error.message).toContain('apt-get install postgresql')
    expect(error.message).not.toContain('pw-local-77')
  })
})

test('options are checked before anything is tried', async () => {
  await expect(findPostgres({ localUrl: 'mysql://root@127.0.0.1/db' }))
    .rejects.toThrow(UsageError)
  await expect(findPostgres({ connectTimeoutMs: -1 }))
    .rejects.toThrow(/connectTimeoutMs must be a positive integer/)
})
