import { describe, expect, it } from 'vitest';
import { isSpeech, messageRow, tsToIso } from '../../tools/signals/channel-messages.ts';
import { accountForDomains } from '../../tools/signals/message-side.ts';

const context = { ourTeamId: 'TOURS', teamSlackIds: new Set(['UCSM']), accountDomain: 'acme.example' };
const authors = (id: string) =>
  ({
    UCSM: { email: 'maya@ours.example', teamId: 'TOURS', name: 'Maya' },
    UGUEST: { email: 'jo@acme.example', teamId: 'TACME', name: 'Jo' },
    UCOLLEAGUE: { email: 'sam@ours.example', teamId: 'TOURS', name: 'Sam' },
  })[id] ?? null;
const at = { channel: 'C1', accountId: 'A1' };

describe('channel messages as the account conversation', () => {
  it('tells the side: a bot, our team (listed or of our workspace), else the customer', () => {
    const side = (m: Parameters<typeof messageRow>[0]) => messageRow(m, at, authors, context).side;
    expect(side({ ts: '1764000000.000100', user: 'UCSM', text: 'hi' })).toBe('team');
    expect(side({ ts: '1764000000.000100', user: 'UCOLLEAGUE', text: 'hi' })).toBe('team');
    expect(side({ ts: '1764000000.000100', user: 'UGUEST', text: 'hi' })).toBe('customer');
    expect(side({ ts: '1764000000.000100', bot_id: 'B1', text: 'hi' })).toBe('bot');
    expect(side({ ts: '1764000000.000100', user: 'UNKNOWN', user_team: 'TOTHER', text: 'hi' })).toBe(
      'customer',
    );
  });

  it('keeps the thread of a reply, the time and the edit', () => {
    const row = messageRow(
      {
        ts: '1764000060.000200',
        thread_ts: '1764000000.000100',
        user: 'UGUEST',
        text: 'ok',
        edited: { ts: '1764000120.000000' },
      },
      at,
      authors,
      context,
    );
    expect(row).toMatchObject({
      thread_ts: '1764000000.000100',
      at: '2025-11-24T16:01:00.000Z',
      edited_at: '2025-11-24T16:02:00.000Z',
      author_name: 'Jo',
    });
    expect(
      messageRow(
        { ts: '1764000000.000100', thread_ts: '1764000000.000100', user: 'UGUEST', text: 'parent' },
        at,
        authors,
        context,
      ).thread_ts,
    ).toBeNull();
    expect(tsToIso('1764000000.500000')).toBe('2025-11-24T16:00:00.500Z');
  });

  it('keeps what people said, not joins, topics or empty messages', () => {
    expect(isSpeech({ ts: '1764000000.000100', text: 'hello' })).toBe(true);
    expect(isSpeech({ ts: '1764000000.000100', text: '', subtype: 'channel_join' })).toBe(false);
    expect(isSpeech({ ts: '1764000000.000100', text: 'set the topic', subtype: 'channel_topic' })).toBe(
      false,
    );
    expect(isSpeech({ ts: '1764000000.000100', text: '   ' })).toBe(false);
    expect(isSpeech({ ts: 'not-a-ts', text: 'hello' })).toBe(false);
  });

  it('matches a shared channel to one account by its guests’ domain, and says when it cannot', () => {
    const accounts = [
      { account_id: 'A1', name: 'Acme', domain: 'acme.example' },
      { account_id: 'A2', name: 'Twin One', domain: 'twins.example' },
      { account_id: 'A3', name: 'Twin Two', domain: 'twins.example' },
    ];
    expect(accountForDomains(['jo@ACME.example', 'li@acme.example'], accounts).match).toEqual({
      account_id: 'A1',
      name: 'Acme',
    });
    const twins = accountForDomains(['sam@twins.example'], accounts);
    expect([twins.match, twins.candidates.map((c) => c.account_id)]).toEqual([null, ['A2', 'A3']]);
    expect(accountForDomains(['x@nowhere.example'], accounts)).toEqual({
      match: null,
      candidates: [],
      domains: ['nowhere.example'],
    });
  });
});
