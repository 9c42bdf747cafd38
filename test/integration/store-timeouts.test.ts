import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/slack-request.ts';
import { CONNECT_TIMEOUT_MS } from '../../store/pg-driver.ts';
import { runCli } from '../helpers/run-cli.ts';

/** A "PostgreSQL" that accepts connections and never says a word. */
let silent: Server;
let port: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  port = await freePort();
  silent = createServer((socket) => {
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('a database that accepts and never answers', () => {
  it('does not hang cse ask: it gives up after the connect timeout and says what to check', async () => {
    const started = performance.now();
    const result = await runCli(['ask', 'portfolio review'], {
      DATABASE_URL: `postgres://cse@127.0.0.1:${port}/cse`,
    });
    const seconds = (performance.now() - started) / 1000;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Cannot open the database at postgres:\/\/cse@127\.0\.0\.1:\d+\/cse: .*timeout/i,
    );
    expect(result.stderr).toContain('Check that PostgreSQL is running and DATABASE_URL is right');
    expect(seconds).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS / 1000 - 0.5);
    expect(seconds).toBeLessThan(CONNECT_TIMEOUT_MS / 1000 + 10);
  });
});
