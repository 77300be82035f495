/**
 * The bidding system's databases: H2 or PostgreSQL servers as processes of their own, the v1 and v2
 * schemas and seeded data, conversion (in place and into a parallel universe, and back), change
 * capture and the sync it feeds, and the integrity check. JDBC stays in this module; the run uses
 * these through {@code BiddingSystem}.
 */
package imago.executor.db;
