import { createServer } from 'node:net'

/** A loopback port that was free a moment ago and has nothing listening. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/**
 * Points Testcontainers at a loopback port where no Docker engine answers,
 * so the "no Docker" path runs the same on every machine. Returns a restore
 * function.
 */
export async function withoutDocker(): Promise<() => void> {
  const previous = process.env['DOCKER_HOST']
  process.env['DOCKER_HOST'] = `tcp://127.0.0.1:${await closedPort()}`
  return () => {
    if (previous === undefined) delete process.env['DOCKER_HOST']
    else process.env['DOCKER_HOST'] = previous
  }
}
