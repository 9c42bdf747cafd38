import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DraftEmailData } from '../../commands/draft-email/command.ts';
import { ask, run, understand } from '../../commands/router.ts';
import { loadConfig } from '../../core/config.ts';
import { ErrorCode } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { loadPhrasings } from '../../eval/parse-eval.ts';
import { LlmBudget } from '../../llm/budget.ts';
import { createLlmGateway, type LlmGateway } from '../../llm/gateway.ts';
import { testContext } from '../helpers/command-context.ts';
import { type FakeOpenAi, startFakeOpenAi } from '../helpers/fake-openai.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';
let store: TestStore;
let fake: FakeOpenAi;
let llm: LlmGateway;

beforeAll(async () => {
  store = await openDemoStore(AS_OF);
  fake = await startFakeOpenAi();
  const config = loadConfig({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: fake.url,
    OPENAI_MAX_RETRIES: '2',
    OPENAI_TIMEOUT_MS: '5000',
  });
  llm = createLlmGateway(config, createLogger('silent')) as LlmGateway;
});
afterEach(() => {
  expect(fake.unexpected).toEqual([]);
  expect(fake.remaining()).toBe(0);
  fake.requests.length = 0;
});
afterAll(async () => {
  await fake.close();
  await store.cleanup();
});

const ctx = () => testContext(store.db, AS_OF, { llm });
const lastUserMessage = () => {
  const body = fake.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
  return body.messages.find((m) => m.role === 'user')?.content ?? '';
};

describe('LLM parse fallback', () => {
  it('never calls the LLM for lines the rules or the local intent model parse with confidence', async () => {
    const lines = loadPhrasings().filter((l) => l.intent !== 'unknown');
    const via = new Set<string>();
    for (const l of lines) via.add((await understand(ctx(), l.text)).via);
    expect([...via].sort()).toEqual(['model', 'rules']);
    expect(fake.requests).toEqual([]);
  });

  it('asks the model only when the rules are unsure, and keeps its choice within the intents', async () => {
    fake.script({ endpoint: 'chat', json: { intent: 'churn_risk', account: 'globex' } });
    const parsed = await understand(ctx(), "I'm nervous about globex lately");
    expect(parsed).toMatchObject({
      intent: 'churn_risk',
      accountMention: 'globex',
      via: 'llm',
      confidence: 0.65,
    });
    const request = fake.requests[0]?.body as {
      response_format: {
        type: string;
        json_schema: { schema: { properties: { intent: { enum: string[] } } } };
      };
    };
    expect(request.response_format.type).toBe('json_schema');
    expect(request.response_format.json_schema.schema.properties.intent.enum).toContain('qbr_prep');
    expect(request.response_format.json_schema.schema.properties.intent.enum).toContain('unknown');
  });

  it('never uses an account the model made up', async () => {
    fake.script({ endpoint: 'chat', json: { intent: 'churn_risk', account: 'Aurora Studios' } });
    const parsed = await understand(ctx(), 'the big northern customer worries me');
    expect(parsed).toMatchObject({ intent: 'churn_risk', accountMention: null, via: 'llm' });
    fake.script({ endpoint: 'chat', json: { intent: 'score', account: 'Zebra Dynamics' } });
    await expect(ask(ctx(), 'thinking about zebra dynamics')).rejects.toMatchObject({
      code: ErrorCode.AccountNotFound,
    });
  });

  it('sends no email address, phone number or card number to the model', async () => {
    fake.script({ endpoint: 'chat', json: { intent: 'unknown', account: null } });
    await understand(
      ctx(),
      'call jane.doe@globex.example or +1 (415) 555-0100 about globex, card 4111 1111 1111 1111',
    );
    const sent = fake.requests[0]?.raw ?? '';
    expect(sent).not.toContain('jane.doe@globex.example');
    expect(sent).not.toContain('555-0100');
    expect(sent).not.toContain('4111 1111');
    expect(lastUserMessage()).toContain('[email]');
    expect(lastUserMessage()).toContain('[phone]');
    expect(lastUserMessage()).toContain('[card number]');
  });

  it('keeps the rules reading when the model fails', async () => {
    fake.script({ endpoint: 'chat', status: 400 });
    const parsed = await understand(ctx(), "I'm nervous about globex lately");
    expect(parsed).toMatchObject({ intent: 'unknown', via: 'rules' });
    // The local model's close readings stay, to be asked back.
    expect(parsed.readings?.map((r) => r.accountMention)).toContain('globex');
  });
});

describe('LLM gateway', () => {
  it('retries a 429 with backoff and then succeeds', async () => {
    fake.script(
      { endpoint: 'chat', status: 429, headers: { 'retry-after-ms': '5' } },
      { endpoint: 'chat', json: { ok: true } },
    );
    const out = await llm.structured({
      system: 's',
      user: 'u',
      schema: z.object({ ok: z.boolean() }),
      name: 'ok',
      budget: new LlmBudget(),
    });
    expect(out).toEqual({ ok: true });
    expect(fake.requests).toHaveLength(2);
  });

  it('refuses a call over the request budget without reaching the server', async () => {
    const budget = new LlmBudget(1);
    fake.script({ endpoint: 'chat', content: 'first' });
    expect(await llm.complete({ system: 's', user: 'u', budget })).toBe('first');
    await expect(llm.complete({ system: 's', user: 'u', budget })).rejects.toMatchObject({
      code: ErrorCode.LlmUnavailable,
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('serves streaming chat and base64 embeddings the way the SDK reads them', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.url, maxRetries: 0 });
    fake.script(
      { endpoint: 'chat', content: 'a streamed reply' },
      { endpoint: 'embeddings', vectors: [[0.5, -0.25, 0.125, 1]] },
    );
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('a streamed reply');
    const emb = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['hello'],
      dimensions: 4,
    });
    expect(fake.requests.at(-1)?.body.encoding_format).toBe('base64');
    expect(emb.data[0]?.embedding).toEqual([0.5, -0.25, 0.125, 1]);
  });
});

describe('email drafts', () => {
  const draft = async (kind: string, account: string) =>
    (await run(ctx(), 'draft_email', { kind, account })).data as DraftEmailData;

  it('uses the model’s prose when every figure is in the facts', async () => {
    const basis = (
      await run(testContext(store.db, AS_OF), 'draft_email', { kind: 'renewal_90_day', account: 'Hooli' })
    ).data as DraftEmailData;
    expect(basis.via).toBe('template');
    const body = `Hi ${basis.facts.greeting}, your renewal is on ${basis.facts.renewal_date}, ${basis.facts.days_to_renewal} days away. Shall we meet?`;
    fake.script({ endpoint: 'chat', json: { subject: 'Your renewal', body } });
    const out = await draft('renewal_90_day', 'Hooli');
    expect(out).toMatchObject({ via: 'llm', body, grounding: { rejected: [] } });
    expect(lastUserMessage()).toContain(String(basis.facts.renewal_date));
  });

  it('rejects a draft with a figure that is not in the facts, retries once, then falls back to the template', async () => {
    fake.script(
      { endpoint: 'chat', json: { subject: 'Renewal', body: 'You saved $48,000 and 37% of your time.' } },
      { endpoint: 'chat', json: { subject: 'Renewal', body: 'Renew by 2027-01-31 for a 12% discount.' } },
    );
    const out = await draft('renewal_90_day', 'Hooli');
    expect(out.via).toBe('template');
    expect(out.grounding.rejected).toEqual([
      { attempt: 1, ungrounded: ['$48000', '37%'] },
      { attempt: 2, ungrounded: ['2027-01-31', '12%', '12% discount'] },
    ]);
    expect(out.body).toContain(`Your renewal comes up on ${out.facts.renewal_date}`);
    // The retry told the model which figures were not grounded.
    expect(lastUserMessage()).toContain('figures that are not in the facts: $48000, 37%');
  });

  it('accepts the retry when it fixes the figures', async () => {
    fake.script(
      { endpoint: 'chat', json: { subject: 'Renewal', body: 'You saved $48,000.' } },
      { endpoint: 'chat', json: { subject: 'Renewal', body: 'Let us look back at this year together.' } },
    );
    const out = await draft('renewal_90_day', 'Hooli');
    expect(out).toMatchObject({
      via: 'llm',
      grounding: { rejected: [{ attempt: 1, ungrounded: ['$48000'] }] },
    });
  });
});
