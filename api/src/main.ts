import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from './config.js';
import { startServer, type RunningServer } from './server.js';

const CONNECT_ATTEMPTS = 30;

/** Cassandra may still be starting (containers, schedulers): retry the first connection instead of crash-looping. */
async function startWhenCassandraAnswers(): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServer();
    } catch (error) {
      if (error instanceof ConfigError || attempt >= CONNECT_ATTEMPTS) throw error;
      process.stderr.write(
        `Cassandra is not reachable yet (attempt ${attempt}/${CONNECT_ATTEMPTS}): ${(error as Error).message}\n`,
      );
      await sleep(2000);
    }
  }
}

try {
  const running = await startWhenCassandraAnswers();
  const shutdown = (signal: string) => {
    running.logger.info({ signal }, 'Shutting down');
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Could not start: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
}
