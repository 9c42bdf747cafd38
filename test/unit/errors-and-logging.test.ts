import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CseError, ErrorCode, errorShape, exitCodeFor, formatError, toCseError } from '../../core/errors.ts';
import { createLogger, maskUrl } from '../../core/logger.ts';

describe('errors', () => {
  it('formats an error with what to do next', () => {
    const error = new CseError(ErrorCode.AccountNotFound, "No account matches 'Acmee'", {
      hint: 'Did you mean Acme Corp?',
    });
    expect(formatError(error)).toBe("No account matches 'Acmee'. Did you mean Acme Corp?");
    expect(exitCodeFor(error)).toBe(2);
  });

  it('wraps unknown errors as internal, exit 1', () => {
    const wrapped = toCseError(new TypeError('boom'));
    expect(wrapped.code).toBe('internal');
    expect(exitCodeFor(new TypeError('boom'))).toBe(1);
    expect(exitCodeFor(new CseError(ErrorCode.StoreUnavailable, 'down'))).toBe(1);
    expect(errorShape('plain')).toEqual({
      code: 'internal',
      message: 'plain',
      hint: expect.stringContaining('LOG_LEVEL=debug'),
      details: null,
    });
  });
});

describe('logger', () => {
  function capture() {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, logger: createLogger('info', stream) };
  }

  it('redacts secrets and customer text', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        token: 'xoxb-123',
        text: 'Acme is unhappy, call jane@acme.com',
        req: { headers: { authorization: 'Bearer abc' } },
        intent: 'score',
      },
      'handled',
    );
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({ token: '[redacted]', text: '[redacted]', intent: 'score', msg: 'handled' });
    expect(lines[0]).not.toContain('xoxb-123');
    expect(lines[0]).not.toContain('jane@acme.com');
    expect(lines[0]).not.toContain('Bearer abc');
  });

  it('masks passwords in connection URLs, however they are written', () => {
    expect(maskUrl('postgres://cse:hunter2@db:5432/cse')).toBe('postgres://cse:***@db:5432/cse');
    expect(maskUrl('not a url')).toBe('(unparseable URL)');
    // Characters a URL parser reads as a fragment, a path or a query start, and an '@'.
    for (const password of ['pa#ss', 'pa/ss', 'pa?ss', 'p@ss#w/o?rd'])
      expect(maskUrl(`postgres://cse:${password}@db.internal:5432/cse`)).toBe(
        'postgres://cse:***@db.internal:5432/cse',
      );
    expect(maskUrl('postgres://db:5432/cse?user=cse&password=hunter2&sslmode=require')).toBe(
      'postgres://db:5432/cse?user=cse&password=***&sslmode=require',
    );
    expect(maskUrl('redis://:s3cret@cache:6379/0')).toBe('redis://:***@cache:6379/0');
    expect(maskUrl('redis://cache:6379')).toBe('redis://cache:6379');
  });

  it('never logs what Slack sent: Bolt’s debug lines (request bodies) are dropped at any level, quotes cut', async () => {
    const { boltLogger } = await import('../../bot/app.ts');
    const lines: string[] = [];
    const sink = { write: (line: string) => lines.push(line) };
    const bolt = boltLogger(createLogger('debug', sink as unknown as NodeJS.WritableStream));
    bolt.debug('request body', { text: 'we are cancelling, email jane@acme.com' });
    bolt.warn(`Failed to parse the request body: Unexpected token 'w', "we are can"... is not valid JSON`);
    bolt.info('payload', { event: { text: 'secret plans' } });
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toMatch(/cancel|jane@acme|we are can|secret plans/);
    expect(JSON.parse(lines[0] ?? '{}').msg).toBe(
      `Failed to parse the request body: Unexpected token 'w', "…"... is not valid JSON`,
    );
  });

  it('shows an escape sequence in stored text as its symbol on the terminal, never acting on it', async () => {
    const { terminalText } = await import('../../cli/output.ts');
    expect(terminalText('\u001b[31mRed Co\u001b[0m\tok\nnext\u0007')).toBe(
      '\u241b[31mRed Co\u241b[0m\tok\nnext\u2407',
    );
  });
});
