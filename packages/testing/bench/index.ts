import { findPostgres } from '../src/provision/postgres'
import { benchFreshDatabase } from './fresh-database'
import { benchOracleOverhead } from './oracle-overhead'

// Both benches need a real server: the same one the tests find.
const server = await findPostgres()
try {
  await benchFreshDatabase(server.url)
  await benchOracleOverhead(server.url)
} finally {
  await server.stop()
}
