import { ConfigError } from '@guestbook/api';
import { describeFailure } from '@guestbook/cassandra';

interface ListenError extends Error {
  code: string;
  address?: string;
  port?: number;
}

const isAddressInUse = (error: unknown): error is ListenError =>
  error instanceof Error && (error as Partial<ListenError>).code === 'EADDRINUSE';

/** `npm start`'s failures, one sentence each that says what to do; the API's configuration errors name the variable. */
export function describeStartFailure(error: unknown, verbose: boolean): string {
  if (error instanceof ConfigError) return error.message;
  if (isAddressInUse(error)) {
    const where = `${error.address ?? 'localhost'}:${error.port ?? process.env.PORT ?? 3000}`;
    const sentence =
      `The guestbook cannot listen on ${where}: another program uses that port; stop it, ` +
      'or pick another port (PORT=3001 npm start).';
    return verbose ? `${sentence}\n${error.stack}` : sentence;
  }
  return describeFailure(error, verbose);
}
