import type pg from 'pg'

/**
 * Waits until some statement of this pool's database waits on a lock:
 * the job under test has reached a row the test holds locked.
 */
export async function untilBlocked(pool: pg.Pool): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await pool.query(
      `select count(*)::int as n from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock'`,
    )
    if ((rows[0] as { n: number }).n > 0) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('the job never reached the locked row')
}
