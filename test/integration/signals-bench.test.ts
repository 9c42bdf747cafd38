import { describe, expect, it } from 'vitest';
import { runSignalsBench } from '../../bench/signals-bench.ts';
import { loadConfig } from '../../core/config.ts';

describe('cse bench --suite signals', () => {
  it('back-fills every message of 20 channels once through the Web API, then stores live ones', async () => {
    const config = loadConfig(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {});
    const report = await runSignalsBench(config, { messages: 5400, live: 30, asOf: '2026-11-24' });
    expect(report.backfill).toMatchObject({ channels: 20, messages: 5400, stored_once: true });
    // 270 messages a channel, about 225 of them top-level: two pages of 200 each.
    expect(report.backfill.pages).toBe(40);
    expect(report.backfill.messages_per_second).toBeGreaterThan(0);
    expect(report.live.messages).toBe(30);
  });
});
