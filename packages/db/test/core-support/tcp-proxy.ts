import net from 'node:net'

/** A loopback TCP proxy to PostgreSQL that tests can make misbehave. */
export interface TcpProxy {
  readonly port: number
  /** Rewrites a PostgreSQL URL to go through the proxy. */
  url(target: string): string
  /** Existing connections stop carrying bytes without closing (a lost network). */
  blackholeExisting(): void
  /** Existing connections are reset, as when the server restarts. */
  resetExisting(): void
  close(): Promise<void>
}

interface Pair {
  client: net.Socket
  server: net.Socket
}

/** Starts a proxy on a free 127.0.0.1 port in front of `host:port`. */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const pairs = new Set<Pair>()
  const proxy = net.createServer((client) => {
    const server = net.connect(port, host)
    const pair = { client, server }
    pairs.add(pair)
    client.pipe(server)
    server.pipe(client)
    const drop = (): void => {
      pairs.delete(pair)
      client.destroy()
      server.destroy()
    }
    client.on('error', drop).on('close', drop)
    server.on('error', drop).on('close', drop)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const address = proxy.address() as net.AddressInfo

  return {
    port: address.port,
    url: (target) => {
      const url = new URL(target)
      url.hostname = '127.0.0.1'
      url.port = String(address.port)
      return url.toString()
    },
    blackholeExisting: () => {
      for (const { client, server } of pairs) {
        client.unpipe(server)
        server.unpipe(client)
      }
    },
    resetExisting: () => {
      for (const { client } of pairs) client.resetAndDestroy()
    },
    close: async () => {
      for (const { client, server } of pairs) {
        client.destroy()
        server.destroy()
      }
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
    },
  }
}
