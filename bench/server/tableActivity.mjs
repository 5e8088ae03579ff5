/**
 * What the submissions cost the database, from PostgreSQL's table statistics (PGlite keeps
 * them too): index and sequential scans (reads and lookups), rows inserted and rows updated,
 * summed over the tables a submission writes (with the delivery outbox, which only a server
 * with a destination writes).
 */
export const tableActivitySql = `select coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0)::float8 as scans,
       coalesce(sum(n_tup_ins), 0)::float8 as inserted,
       coalesce(sum(n_tup_upd), 0)::float8 as updated
  from pg_stat_user_tables
 where relname in ('visitors', 'field_values', 'consent_events', 'consent_texts', 'submissions', 'deliveries')`

/** The statistics per submission. */
export function perSubmission(stats, submissions) {
  return {
    scans: stats.scans / submissions,
    inserted: stats.inserted / submissions,
    updated: stats.updated / submissions,
  }
}
