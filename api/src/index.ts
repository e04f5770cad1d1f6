export { createApp, type AppDeps } from './app.js';
export {
  applySchema,
  connectAndMigrate,
  createKeyspace,
  isUnavailable,
  schemaStatements,
  type CassandraClient,
  type Replication,
} from './cassandra.js';
export { loadConfig, ConfigError, type Config } from './config.js';
export { createLogger } from './logger.js';
export { startServer, DEFAULT_WEB_DIST_DIR, type RunningServer } from './server.js';
export { EntriesRepository } from './entries/entries.repository.js';
export {
  dayOf,
  dayWrite,
  entryFromRow,
  entryRowAt,
  entryTableWrites,
  entryWrites,
  type EntryRow,
  type Write,
} from './entries/entry-rows.js';
export * from './contract.js';
export { healthRoutes } from './http/health.routes.js';
