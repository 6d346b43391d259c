import { afterEach, describe, expect, it, vi } from 'vitest'

interface Access {
  readonly trap: string
  readonly key: string
  readonly fromConfig: boolean
}

const original = process.env

/**
 * Replaces process.env with a proxy recording every access, with whether
 * this package's sources or fixtures were on the stack when it happened.
 */
function watchEnv(): Access[] {
  const accesses: Access[] = []
  const record = (trap: string, key: PropertyKey) => {
    const stack = new Error('env access').stack ?? ''
    accesses.push({
      trap,
      key: String(key),
      fromConfig: /packages\/config\/(src|test\/fixtures)\//.test(stack),
    })
  }
  const handler: Record<string, (...args: unknown[]) => unknown> = {}
  for (const trap of ['get', 'has', 'set', 'deleteProperty',
    'defineProperty', 'getOwnPropertyDescriptor', 'ownKeys'] as const) {
    handler[trap] = (...args: unknown[]) => {
      record(trap, trap === 'ownKeys' ? '*' : (args[1] as PropertyKey))
      return (Reflect[trap] as (...a: unknown[]) => unknown)(...args)
    }
  }
  process.env = new Proxy(original, handler as ProxyHandler<typeof original>)
  return accesses
}

afterEach(() => {
  process.env = original
})

describe('importing', () => {
  it('the package and a config module reads no env, checks nothing', async () => {
    vi.resetModules()
    const accesses = watchEnv()

    // Fresh module instances, evaluated while the proxy watches.
    const pkg = await import('../src/index')
    const app = await import('./fixtures/app-config')
    process.env = original

    expect(accesses.filter((access) => access.fromConfig)).toEqual([])
    expect(accesses.filter((a) => a.key.startsWith('TK_FIXTURE_'))).toEqual([])
    // The fixture counts parses of one entry: defining it ran none.
    expect(app.regionParses.count).toBe(0)
    expect(pkg.isConfigDefinition(app.appConfig)).toBe(true)
  })

  it('lets the same proxy see loadConfig reading env, at startup', async () => {
    vi.resetModules()
    const { loadConfig } = await import('../src/index')
    const app = await import('./fixtures/app-config')
    const accesses = watchEnv()

    const config = loadConfig(app.appConfig, {
      ...process.env,
      TK_FIXTURE_REGION: 'us',
    })
    expect(config.TK_FIXTURE_REGION).toBe('us')
    expect(app.regionParses.count).toBe(1)
    loadConfig(app.appConfig)
    const read = accesses.filter((access) => access.fromConfig)
    expect(read.map((access) => `${access.trap} ${access.key}`)).toEqual(
      expect.arrayContaining(['get NODE_ENV', 'get TK_FIXTURE_DATABASE_URL']),
    )
    // Reading is all it does.
    expect(read.filter((access) => access.trap !== 'get')).toEqual([])
  })
})
