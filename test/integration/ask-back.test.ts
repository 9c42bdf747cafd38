import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChat } from '../../cli/chat.ts';
import { renderBody } from '../../commands/answer-text.ts';
import { findCommand } from '../../commands/registry.ts';
import { accountLexicon, ask, readMessage, run, type UnknownData } from '../../commands/router.ts';
import { testContext } from '../helpers/command-context.ts';
import { runCli } from '../helpers/run-cli.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';
/** Words the rules cannot place and the intent model finds two or three close readings for. */
const VAGUE = 'acme plan';

let store: TestStore;
beforeAll(async () => {
  store = await openDemoStore(AS_OF);
});
afterAll(async () => {
  await store?.cleanup();
});

describe('asking back instead of giving up', () => {
  it('offers the close readings of vague words, best first, each with the account as written', async () => {
    const parsed = readMessage(VAGUE, { today: AS_OF, accounts: await accountLexicon(store.db) });
    expect(parsed.intent).toBe('unknown');
    const expected = parsed.readings ?? [];
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(expected.length).toBeLessThanOrEqual(3);
    const answer = await ask(testContext(store.db, AS_OF), VAGUE);
    expect(answer.intent).toBe('unknown');
    const data = answer.data as UnknownData;
    const labels = expected.map((r) => `${findCommand(r.intent)?.title} for acme`);
    expect(data.readings.map((r) => [r.intent, r.account, r.label])).toEqual(
      expected.map((r, i) => [r.intent, 'acme', labels[i]]),
    );
    expect(data.message).toBe(`Did you mean ${labels.join(', or ')}?`);
    const probabilities = data.readings.map((r) => r.probability);
    expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
  });

  it('runs the reading picked by its number in cse chat, through the router', async () => {
    const ctx = testContext(store.db, AS_OF);
    const offered = ((await ask(ctx, VAGUE)).data as UnknownData).readings;
    const second = offered[1];
    if (!second) throw new Error('expected a second reading');
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
    });
    await runChat(ctx, Readable.from([`${VAGUE}\n2\n9\n`]), output);
    const picked = await run(ctx, second.intent, { account: 'acme' });
    expect(printed).toContain(`  2. ${second.label}   (cse run ${second.intent} --account acme)`);
    expect(printed).toContain(renderBody(picked).split('\n')[0]);
    // A number with nothing offered is a question like any other.
    const nine = renderBody(await ask(ctx, '9')).split('\n')[0] ?? '';
    expect(printed.lastIndexOf(nine)).toBeGreaterThan(
      printed.indexOf(renderBody(picked).split('\n')[0] ?? ''),
    );
  });

  it('cse ask lists the readings with the line that runs each, and exits 0', async () => {
    // The embedded store takes one process at a time: the child opens it once this one lets go.
    if (store.driver === 'pglite') await store.db.close();
    const { code, stdout } = await runCli(['ask', VAGUE], store.env);
    expect(code).toBe(0);
    const parsed = stdout.split('\n');
    expect(parsed[0]).toMatch(/^Did you mean .+ for acme, or .+ for acme/);
    expect(
      parsed.filter((l) => /^ {2}\d\. .+ for acme {3}\(cse run \w+ --account acme\)$/.test(l)).length,
    ).toBeGreaterThanOrEqual(2);
  });
});
