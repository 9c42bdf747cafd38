import { describe, expect, it } from 'vitest';
import { loadConfig, slackMode } from '../../core/config.ts';
import type { CseError } from '../../core/errors.ts';

function configError(env: Record<string, string>): CseError {
  try {
    loadConfig(env);
  } catch (error) {
    return error as CseError;
  }
  throw new Error('expected a configuration error');
}

describe('configuration', () => {
  it('defaults to the embedded store and local chat when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ CSE_DATA_DIR: './.cse', PORT: 3000 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(slackMode(config)).toBeNull();
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', PORT: '' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
  });

  it('names the variable, the bad value and how to fix it', () => {
    const error = configError({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain('PORT="eighty" must be a port number, e.g. 3000');
    expect(error.message).toContain('DATABASE_URL="mysql://x" must be a postgres: or postgresql: URL');
    expect(error.hint).toContain('README.md');
  });

  it('hides secrets in the error and checks Slack token kinds', () => {
    const error = configError({ SLACK_BOT_TOKEN: 'xoxp-secret-value', SLACK_APP_TOKEN: 'xapp-1' });
    expect(error.message).toContain("SLACK_BOT_TOKEN=(hidden) must start with 'xoxb-'");
    expect(error.message).not.toContain('secret-value');
  });

  it('selects Socket Mode or HTTP from the Slack variables', () => {
    expect(slackMode(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toBe('socket');
    expect(slackMode(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toBe('http');
    expect(configError({ SLACK_BOT_TOKEN: 'xoxb-1' }).message).toContain(
      'neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET',
    );
  });

  it('accepts a schema name for PostgreSQL and rejects unsafe ones', () => {
    expect(loadConfig({ DATABASE_SCHEMA: 'cs_engine' }).DATABASE_SCHEMA).toBe('cs_engine');
    expect(configError({ DATABASE_SCHEMA: 'x; drop table' }).message).toContain('DATABASE_SCHEMA');
  });

  it('never prints a connection URL’s password, even one that breaks the URL, and says how to write it', () => {
    for (const password of ['pa#ss', 'pa/ss', 'pa?ss']) {
      const error = configError({ DATABASE_URL: `postgres://cse:${password}@db.internal:5432/cse` });
      expect(error.message).toContain('DATABASE_URL="postgres://cse:***@db.internal:5432/cse"');
      expect(error.message).not.toContain(password);
      expect(error.message).toContain('percent-encoded: %23, %2F, %3F');
    }
  });
});
