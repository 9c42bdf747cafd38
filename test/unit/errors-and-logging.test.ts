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

  it('masks passwords in connection URLs', () => {
    expect(maskUrl('postgres://cse:hunter2@db:5432/cse')).toBe('postgres://cse:***@db:5432/cse');
    expect(maskUrl('not a url')).toBe('(unparseable URL)');
  });
});
