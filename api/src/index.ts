export { createApp, type AppDeps } from './app.js';
export { connectAndMigrate, schemaStatements, isUnavailable, type CassandraClient } from './cassandra.js';
export { loadConfig, ConfigError, type Config } from './config.js';
export { createLogger } from './logger.js';
export { startServer, DEFAULT_WEB_DIST_DIR, type RunningServer } from './server.js';
export { EntriesRepository, dayOf } from './entries/entries.repository.js';
export * from './contract.js';
export { healthRoutes } from './http/health.routes.js';
