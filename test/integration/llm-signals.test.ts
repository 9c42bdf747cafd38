import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { configuredDetector, llmDetector, localDetector } from '../../jobs/customer-signals.ts';
import { createLlmGateway, type LlmGateway } from '../../llm/gateway.ts';
import { type FakeOpenAi, startFakeOpenAi } from '../helpers/fake-openai.ts';

let fake: FakeOpenAi;
let llm: LlmGateway;

beforeAll(async () => {
  fake = await startFakeOpenAi();
  llm = createLlmGateway(
    loadConfig({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.url,
      OPENAI_MAX_RETRIES: '0',
      OPENAI_TIMEOUT_MS: '5000',
    }),
    createLogger('silent'),
  ) as LlmGateway;
});
afterAll(async () => fake.close());

describe('signals by the configured model', () => {
  it('asks for the fixed kinds over redacted text, keeps what the model is sure of, and falls back to the classifier', async () => {
    const detector = llmDetector(llm, localDetector(), createLogger('silent'));
    expect(detector.version).toBe(`llm:${llm.model}`);
    // Only when asked for: the classifier stays the default even with a model configured.
    expect(configuredDetector({ CSE_SIGNAL_DETECTOR: 'llm' }, llm, createLogger('silent')).version).toBe(
      detector.version,
    );
    expect(configuredDetector({ CSE_SIGNAL_DETECTOR: 'local' }, llm, createLogger('silent')).version).toBe(
      localDetector().version,
    );
    expect(configuredDetector({ CSE_SIGNAL_DETECTOR: 'llm' }, null, createLogger('silent')).version).toBe(
      localDetector().version,
    );
    fake.script(
      {
        endpoint: 'chat',
        json: {
          signals: [
            { kind: 'churn_intent', confidence: 0.92 },
            { kind: 'budget', confidence: 0.3 },
          ],
        },
      },
      { endpoint: 'chat', status: 400 },
    );
    const texts = [
      'Dana (dana.moreno@acme.example, +1 415 555 0199) says they will let the contract lapse in March.',
      'We are planning to cancel at renewal, adoption never took off.',
    ];
    const found = await detector.detect(texts);
    expect(found[0]).toEqual([{ kind: 'churn_intent', confidence: 0.92 }]);
    // The model failed on the second text: the shipped classifier answers for it.
    expect(found[1]?.map((s) => s.kind)).toContain('churn_intent');
    const sent = JSON.stringify(fake.requests[0]?.body);
    expect(sent).not.toContain('dana.moreno@acme.example');
    expect(sent).not.toContain('555 0199');
    expect(sent).toContain('let the contract lapse in March');
    expect(sent).toContain('churn_intent');
  });
});
