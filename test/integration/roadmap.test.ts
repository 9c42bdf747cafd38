import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamActor } from '../../commands/context.ts';
import { run } from '../../commands/router.ts';
import { createLogger } from '../../core/logger.ts';
import type { AlertNotifier, RoadmapAnnouncement } from '../../jobs/alert-notifier.ts';
import { announceRoadmapChanges } from '../../jobs/roadmap-announcements.ts';
import { findUser } from '../../store/repositories/users.ts';
import { testContext } from '../helpers/command-context.ts';
import { openTestStore, type TestStore } from '../helpers/test-db.ts';

const TODAY = '2026-11-24';

/**
 * Roadmap statuses on customer requests: link a request, move the item, post each change to its
 * owner channel once, and when it ships, one release email per account that asked.
 */
describe('roadmap statuses and release emails', () => {
  let store: TestStore;
  const ctx = (today = TODAY) => testContext(store.db, today);

  beforeAll(async () => {
    store = await openTestStore();
    await store.db.exec(`
      INSERT INTO users (user_id, name, email, role, team) VALUES
        ('dana', 'Dana Reyes', 'dana@cs.example', 'csm', 'East'),
        ('sam', 'Sam Ode', 'sam@cs.example', 'support', 'Support');
      INSERT INTO accounts (account_id, name, segment, status, csm, arr_cents) VALUES
        ('A1', 'Acme', 'enterprise', 'active', 'dana', 12000000),
        ('A2', 'Globex', 'smb', 'active', 'dana', 3000000),
        ('A3', 'Initech', 'mid-market', 'active', 'other', 6000000);
      INSERT INTO contacts (contact_id, account_id, name, email, role) VALUES
        ('C1', 'A1', 'Ana Lee', 'ana@acme.example', 'champion');
      -- A request from Acme with two duplicates merged into it (Globex, and Acme again), and a
      -- request of Initech's own.
      INSERT INTO feedback (feedback_id, account_id, source, created_at, text, status, theme, owner) VALUES
        ('F1', 'A1', 'in_app', '2026-10-01T10:00:00Z', 'We need SAML single sign-on for Okta.', 'open', 'feature_request', 'product'),
        ('F2', 'A2', 'nps', '2026-10-05T10:00:00Z', 'Please add SSO with Okta.', 'open', 'feature_request', 'product'),
        ('F3', 'A1', 'call_note', '2026-10-09T10:00:00Z', 'Acme asked again about SSO.', 'open', 'feature_request', 'product'),
        ('F4', 'A3', 'survey', '2026-10-12T10:00:00Z', 'An audit log export would help our compliance team.', 'open', 'feature_request', 'product');
      UPDATE feedback SET canonical_id = 'F1' WHERE feedback_id IN ('F2', 'F3');
    `);
  });
  afterAll(async () => store.cleanup());

  it('links a request and its merge list to a new roadmap item, under review, and records the change', async () => {
    const { data } = await run(ctx(), 'link_roadmap', {
      feedback_id: 'F1',
      roadmap: 'SSO-12',
      title: 'SAML SSO',
    });
    expect(data).toMatchObject({ feedback_id: 'F1', created: true, moved_from: null });
    expect(data.change).toEqual({ from: null, to: 'under_review' });
    expect(data.item).toMatchObject({
      roadmap_key: 'SSO-12',
      title: 'SAML SSO',
      status: 'under_review',
      owner: 'product',
      shipped_on: null,
      items: 3,
      arr_affected: 150000,
    });
    // Each account once, with its first item; no release email before it ships.
    expect(
      data.item.accounts.map((a) => [a.account_id, a.feedback_id, a.items, a.arr, a.release_email]),
    ).toEqual([
      ['A1', 'F1', 2, 120000, null],
      ['A2', 'F2', 1, 30000, null],
    ]);
  });

  it('refuses a merged item (the request is linked) and names the request', async () => {
    await expect(run(ctx(), 'link_roadmap', { feedback_id: 'F2', roadmap: 'SSO-12' })).rejects.toMatchObject({
      code: 'bad_input',
      message: 'F2 is merged into F1: link the request itself',
    });
  });

  it('moves an item through its statuses; an unknown key suggests the near ones', async () => {
    const planned = await run(ctx(), 'set_roadmap_status', { roadmap: 'sso-12', status: 'planned' });
    expect(planned.data.change).toEqual({ from: 'under_review', to: 'planned' });
    const again = await run(ctx(), 'set_roadmap_status', { roadmap: 'SSO-12', status: 'planned' });
    expect(again.data.change).toBeNull();
    await expect(
      run(ctx(), 'set_roadmap_status', { roadmap: 'SSO-21', status: 'shipped' }),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: 'No roadmap item SSO-21',
      hint: 'Did you mean SSO-12?',
    });
    await expect(
      run(ctx(), 'set_roadmap_status', { roadmap: 'SSO-12', status: 'done' }),
    ).rejects.toMatchObject({
      code: 'bad_input',
    });
  });

  it('a CSM links a request from their own book but does not move roadmap items; support does', async () => {
    const dana = await findUser(store.db, 'dana');
    const sam = await findUser(store.db, 'sam');
    if (!dana || !sam) throw new Error('test users missing');
    const asDana = testContext(store.db, TODAY, { actor: teamActor(dana) });
    await expect(
      run(asDana, 'link_roadmap', { feedback_id: 'F4', roadmap: 'AUDIT-3' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      run(asDana, 'set_roadmap_status', { roadmap: 'SSO-12', status: 'in_progress' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const asSam = testContext(store.db, TODAY, { actor: teamActor(sam) });
    const linked = await run(asSam, 'link_roadmap', {
      feedback_id: 'F4',
      roadmap: 'AUDIT-3',
      status: 'planned',
    });
    expect(linked.data.item).toMatchObject({
      title: 'An audit log export would help our compliance team.',
      status: 'planned',
    });
    const audit = await store.db.query<{ intent: string; outcome: string }>(
      "SELECT intent, outcome FROM audit_log WHERE intent IN ('link_roadmap', 'set_roadmap_status') ORDER BY id",
    );
    expect(audit.map((a) => `${a.intent}:${a.outcome}`)).toEqual([
      'link_roadmap:ok',
      'link_roadmap:error',
      'set_roadmap_status:ok',
      'set_roadmap_status:ok',
      'set_roadmap_status:error',
      'set_roadmap_status:error',
      'link_roadmap:error',
      'set_roadmap_status:error',
      'link_roadmap:ok',
    ]);
  });

  it('shipping lists each account that asked once, with its release email, grounded in its request', async () => {
    const shipped = await run(ctx('2026-11-20'), 'set_roadmap_status', {
      roadmap: 'SSO-12',
      status: 'shipped',
    });
    expect(shipped.data.change).toEqual({ from: 'planned', to: 'shipped' });
    expect(shipped.data.item.shipped_on).toBe('2026-11-20');
    expect(shipped.data.item.accounts.map((a) => a.release_email)).toEqual([
      'cse run draft_email --kind release_note --account A1 --feedback-id F1 --as-of 2026-11-20',
      'cse run draft_email --kind release_note --account A2 --feedback-id F2 --as-of 2026-11-20',
    ]);
    const email = await run(ctx(), 'draft_email', {
      account: 'Globex',
      kind: 'release_note',
      feedback_id: 'F2',
    });
    expect(email.data.facts).toMatchObject({
      feedback_date: '2026-10-05',
      feedback_excerpt: 'Please add SSO with Okta.',
      roadmap_key: 'SSO-12',
      roadmap_title: 'SAML SSO',
      shipped_on: '2026-11-20',
      customers_asking: 2,
    });
    expect(email.data.subject).toBe('Globex: SAML SSO has shipped');
    expect(email.data.body).toContain(
      'It has shipped: SAML SSO (SSO-12) went live on 2026-11-20. You were one of 2 customers who asked for it',
    );
    expect(email.data.source).toBe('feedback item F2 and roadmap item SSO-12');
    // Acme's email defaults to its latest item behind the shipped item, and goes to its champion.
    const acme = await run(ctx(), 'draft_email', { account: 'Acme', kind: 'release_note' });
    expect([acme.data.facts.feedback_date, acme.data.to?.email]).toEqual(['2026-10-09', 'ana@acme.example']);
    await expect(
      run(ctx(), 'draft_email', { account: 'Initech', kind: 'release_note' }),
    ).rejects.toMatchObject({
      message: 'Initech asked for nothing that has shipped',
    });
  });

  it('answers "what did we ship that customers asked for?" with the accounts and ARR, each once', async () => {
    const answer = await run(ctx(), 'shipped_requests', {});
    expect(answer.data).toMatchObject({
      as_of: TODAY,
      since: '2026-08-26',
      accounts: 2,
      arr_affected: 150000,
    });
    expect(answer.data.shipped.map((s) => [s.roadmap_key, s.accounts.length, s.items])).toEqual([
      ['SSO-12', 2, 3],
    ]);
    const before = await run(ctx(), 'shipped_requests', { as_of: '2026-11-19' });
    expect(before.data.shipped).toEqual([]);
  });

  it('posts each status change to its owner channel once; a failed post is tried again', async () => {
    const posted: RoadmapAnnouncement[] = [];
    let failNext = true;
    const notifier = {
      roadmapChange: async (c: RoadmapAnnouncement) => {
        if (failNext) {
          failNext = false;
          throw new Error('slack down');
        }
        posted.push(c);
        return { channel: 'C0PRODUCT', ts: String(posted.length) };
      },
    } as unknown as AlertNotifier;
    const logger = createLogger('silent');
    // The first post fails and is released; the others go out; the next pass posts the first.
    expect(await announceRoadmapChanges(store.db, notifier, `${TODAY}T12:00:00Z`, logger)).toBe(3);
    expect(await announceRoadmapChanges(store.db, notifier, `${TODAY}T12:05:00Z`, logger)).toBe(1);
    expect(await announceRoadmapChanges(store.db, notifier, `${TODAY}T12:10:00Z`, logger)).toBe(0);
    expect(
      posted.map((c) => `${c.roadmap_key} ${c.from_status ?? 'new'}→${c.to_status} ${c.accounts}/${c.items}`),
    ).toEqual([
      'SSO-12 under_review→planned 2/3',
      'AUDIT-3 new→planned 1/1',
      'SSO-12 planned→shipped 2/3',
      'SSO-12 new→under_review 2/3',
    ]);
  });

  it('a CSM linking to an item other books asked for sees only their book; a status from them is refused; support sees counts, not ARR', async () => {
    const dana = await findUser(store.db, 'dana');
    const sam = await findUser(store.db, 'sam');
    if (!dana || !sam) throw new Error('test users missing');
    const asDana = testContext(store.db, TODAY, { actor: teamActor(dana) });
    const asSam = testContext(store.db, TODAY, { actor: teamActor(sam) });
    await store.db.exec(`
      INSERT INTO feedback (feedback_id, account_id, source, created_at, text, status, theme, owner) VALUES
        ('F5', 'A3', 'in_app', '2026-11-02T10:00:00Z', 'SSO through Okta is a must for us.', 'open', 'feature_request', 'product'),
        ('F6', 'A2', 'call_note', '2026-11-03T10:00:00Z', 'Globex wants the SSO rollout plan.', 'open', 'feature_request', 'product');
      UPDATE feedback SET received_at = created_at;
    `);
    await run(asSam, 'link_roadmap', { feedback_id: 'F5', roadmap: 'SSO-12' });
    // The status would move SSO-12 for Initech (another book) too: refused, and nothing moved.
    await expect(
      run(asDana, 'link_roadmap', { feedback_id: 'F6', roadmap: 'SSO-12', status: 'planned' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const linked = await run(asDana, 'link_roadmap', { feedback_id: 'F6', roadmap: 'SSO-12' });
    expect(linked.data.change).toBeNull();
    expect(linked.data.item.status).toBe('shipped');
    // Initech asked too, but is in another book: counted, never named, its ARR left out.
    expect(linked.data.item.accounts.map((a) => a.account_id)).toEqual(['A1', 'A2']);
    expect(linked.data.item.other_accounts).toBe(1);
    expect(linked.data.item.arr_affected).toBe(150000);
    expect(JSON.stringify(linked.data)).not.toContain('Initech');
    // Support works the queue across books, but gets no revenue: counts and names, no ARR.
    const shipped = await run(asSam, 'shipped_requests', {});
    expect(shipped.data.arr_affected).toBeNull();
    expect(shipped.data.shipped[0]?.accounts.map((a) => [a.name, a.arr])).toEqual([
      ['Acme', null],
      ['Initech', null],
      ['Globex', null],
    ]);
    expect(shipped.data.shipped[0]?.arr_affected).toBeNull();
    const top = await run(asSam, 'top_requests', {});
    expect(top.data.requests.length).toBeGreaterThan(0);
    expect(top.data.requests.every((r) => r.arr_affected === null)).toBe(true);
    const leaderView = await run(ctx(), 'top_requests', {});
    expect(leaderView.data.requests.every((r) => typeof r.arr_affected === 'number')).toBe(true);
  });
});
