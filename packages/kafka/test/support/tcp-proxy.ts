import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * A loopback TCP proxy the test turns on and off, to make a broker address
 * appear, vanish and come back while the broker behind it changes.
 */
export interface TcpProxy {
  readonly port: number
  readonly address: string
  /** Forwards new connections to this `host:port` from now on. */
  target(address: string): void
  /** Starts listening on the proxy's port (again). */
  open(): Promise<void>
  /** Stops listening and cuts every open connection. */
  close(): Promise<void>
}

/** Reserves a loopback port and returns a proxy for it, not yet open. */
export async function createTcpProxy(): Promise<TcpProxy> {
  const port = await freePort()
  const sockets = new Set<Socket>()
  let upstream = ''
  let server: Server | undefined

  const forward = (client: Socket): void => {
    const [host, upstreamPort] = upstream.split(':')
    const remote = connect(Number(upstreamPort), host ?? '127.0.0.1')
    for (const socket of [client, remote]) {
      sockets.add(socket)
      socket.on('error', () => undefined)
      socket.on('close', () => {
        sockets.delete(socket)
        client.destroy()
        remote.destroy()
      })
    }
    client.pipe(remote)
    remote.pipe(client)
  }

  return {
    port,
    address: `127.0.0.1:${port}`,
    target: (address) => { upstream = address },
    open: () => new Promise((resolve, reject) => {
      server = createServer(forward)
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    }),
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy()
      if (!server) return resolve()
      server.close(() => resolve())
      server = undefined
    }),
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}
