import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

/** A stream standing in for stdout, optionally claiming to be a terminal, that keeps what is written to it. */
function output(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

// eslint-disable-next-line no-control-regex -- colours are escape sequences
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('createLogger', () => {
  it('when stdout is not a terminal, then each line is JSON', () => {
    const out = output(false);
    const logger = createLogger({ logLevel: 'info', destination: out.stream });
    logger.info({ keyspace: 'guestbook' }, 'Guestbook API listening');

    expect(JSON.parse(out.text())).toMatchObject({ level: 30, msg: 'Guestbook API listening', keyspace: 'guestbook' });
  });

  it('when stdout is a terminal, then a line is readable: time, level, message, the details on the same line', () => {
    const out = output(true);
    const logger = createLogger({ logLevel: 'info', destination: out.stream });
    logger.info({ keyspace: 'guestbook' }, 'Guestbook API listening');

    const line = /^\[\d\d:\d\d:\d\d\] INFO: Guestbook API listening \{"keyspace":"guestbook"\}\n$/;
    expect(plain(out.text())).toMatch(line);
    expect(out.text()).not.toBe(plain(out.text()));
  });

  it('when LOG_FORMAT says json or pretty, then that wins over what stdout is', () => {
    const terminal = output(true);
    const file = output(false);
    createLogger({ logLevel: 'info', logFormat: 'json', destination: terminal.stream }).info('hello');
    createLogger({ logLevel: 'info', logFormat: 'pretty', destination: file.stream }).info('hello');

    expect(JSON.parse(terminal.text())).toMatchObject({ msg: 'hello' });
    // Not a terminal: no colour codes in a file.
    expect(file.text()).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: hello\n$/);
  });
});
