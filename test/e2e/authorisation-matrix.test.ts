import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../../bench/fake-slack-api.ts';
import { eventCallback, mentionEvent, postToSlackApp, signedRequest } from '../../bench/slack-request.ts';
import { encodeDisagree, encodeValue } from '../../bot/actions.ts';
import type { SlackApp } from '../../bot/app.ts';
import { type AuthFailureLog, authFailureLog } from '../../bot/http/auth-failures.ts';
import { feedbackRoute } from '../../bot/http/feedback-route.ts';
import { commandContext, type Runtime } from '../../cli/runtime.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { ask, run } from '../../commands/router.ts';
import { addDays } from '../../core/calendar.ts';
import { type Config, loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { backfillOn } from '../../jobs/score-all.ts';
import { linkChannel } from '../../store/repositories/customer-channels.ts';
import { insertFeedback } from '../../store/repositories/feedback.ts';
import { slackTestDeps, startHttpSlackApp, TEST_AS_OF, TEST_CLOCK } from '../helpers/slack-app.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

/**
 * Who may do what, on every surface (DESIGN §10). The table below is the specification: one row
 * per command (and per scope where the scope decides), one column per role. "own" is the CSM
 * whose book holds Acme Corp, "other" a CSM whose book does not; every target is Acme Corp, its
 * feedback item, or Acme's CSM's book. Each cell is checked on every surface the command is
 * reachable from, and the outcome is read back from the audit log.
 */
type Role = 'own' | 'other' | 'leader' | 'support' | 'admin' | 'unknown';
type Cell = 'allow' | 'deny';
const ROLES: readonly Role[] = ['own', 'other', 'leader', 'support', 'admin', 'unknown'];

interface Row {
  name: string;
  intent: string;
  /** The words a person types (null: not a typed question; reached by run, buttons and cse sub-commands). */
  text: string | null;
  args: Record<string, unknown>;
  expect: Record<Role, Cell>;
  /** Puts the fixture back before each attempt (a write an allowed role made must not decide the next cell). */
  reset?: () => Promise<void>;
}

const A = 'allow';
const D = 'deny';
const cells = (own: Cell, other: Cell, leader: Cell, support: Cell, admin: Cell): Record<Role, Cell> => ({
  own,
  other,
  leader,
  support,
  admin,
  unknown: D,
});

const ITEM = 'FB-MATRIX-1';
/** A request suggested as a possible duplicate of ITEM. */
const CANDIDATE = 'FB-MATRIX-2';
const ALERT = 'AL-900001';
/** A roadmap item Acme's request can be linked to. */
const ROADMAP = 'MATRIX-1';
/** A request from two books: Acme's item, and an item of another CSM's account merged into it. */
const SHARED = 'FB-MATRIX-3';
const SHARED_MERGED = 'FB-MATRIX-4';
/** An item of the other book suggested as a duplicate of the shared request. */
const SHARED_CANDIDATE = 'FB-MATRIX-5';
const ACME = { account: 'Acme Corp' };
/** A channel linked to nothing, one linked to Acme, one linked to an account of the other book. */
const NEW_CHANNEL = 'CMATRIX01';
const ACME_CHANNEL = 'CMATRIX02';
const OTHER_CHANNEL = 'CMATRIX03';

//                                   own other leader support admin
const ACCOUNT_HEALTH = cells(A, D, A, D, A);
const ACCOUNT_FEEDBACK = cells(A, D, A, A, A);
const FEEDBACK_QUEUE_REPORT = cells(D, D, A, A, A);
const OWN_BOOK_REPORT = cells(A, A, A, D, A);
const ADMIN_ONLY = cells(D, D, D, D, A);

const ROWS: Row[] = [
  { name: 'score', intent: 'score', text: 'score Acme Corp', args: ACME, expect: ACCOUNT_HEALTH },
  {
    name: 'churn_risk',
    intent: 'churn_risk',
    text: 'churn risk for Acme Corp',
    args: ACME,
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'expansion_opportunities',
    intent: 'expansion_opportunities',
    text: 'expansion opportunities for Acme Corp',
    args: ACME,
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'save_play',
    intent: 'save_play',
    text: 'save play for Acme Corp',
    args: ACME,
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'renewal_prep',
    intent: 'renewal_prep',
    text: 'renewal prep for Acme Corp',
    args: ACME,
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'qbr_prep',
    intent: 'qbr_prep',
    text: 'QBR prep for Acme Corp',
    args: ACME,
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'success_plan',
    intent: 'success_plan',
    text: 'success plan for Acme Corp',
    args: ACME,
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'success_plan --save (a write)',
    intent: 'success_plan',
    text: 'success plan for Acme Corp and save it',
    args: { ...ACME, save: true },
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'onboarding_plan',
    intent: 'onboarding_plan',
    text: 'onboarding plan for Acme Corp',
    args: ACME,
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'winback_plan',
    intent: 'winback_plan',
    text: 'win-back plan for Acme Corp',
    args: ACME,
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'draft_email (QBR follow-up)',
    intent: 'draft_email',
    text: 'draft the QBR follow-up email for Acme Corp',
    args: { ...ACME, kind: 'qbr_follow_up' },
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'draft_email (closed loop)',
    intent: 'draft_email',
    text: null,
    args: { ...ACME, kind: 'closed_loop', feedback_id: ITEM },
    expect: ACCOUNT_FEEDBACK,
  },
  {
    name: 'portfolio_review (my book)',
    intent: 'portfolio_review',
    text: 'how is my book?',
    args: { scope: 'mine' },
    expect: OWN_BOOK_REPORT,
  },
  {
    name: "portfolio_review (Acme's CSM's book)",
    intent: 'portfolio_review',
    text: null,
    args: { csm: '$own' },
    expect: cells(A, D, A, D, A),
  },
  {
    name: 'portfolio_review (the whole team)',
    intent: 'portfolio_review',
    text: 'team portfolio review',
    args: { scope: 'team' },
    expect: cells(D, D, A, D, A),
  },
  {
    name: 'renewal_forecast (my book)',
    intent: 'renewal_forecast',
    text: 'my renewal forecast',
    args: { scope: 'mine' },
    expect: OWN_BOOK_REPORT,
  },
  {
    name: "renewal_forecast (Acme's CSM's book)",
    intent: 'renewal_forecast',
    text: null,
    args: { csm: '$own' },
    expect: cells(A, D, A, D, A),
  },
  {
    name: 'renewal_forecast (the whole team, with the track record)',
    intent: 'renewal_forecast',
    text: 'team renewal forecast',
    args: { scope: 'team', track_record: true },
    expect: cells(D, D, A, D, A),
  },
  {
    name: 'accounts (my book)',
    intent: 'accounts',
    text: 'show me my at-risk accounts',
    args: { scope: 'mine', tier: ['at-risk'] },
    expect: OWN_BOOK_REPORT,
  },
  {
    name: "accounts (Acme's CSM's book)",
    intent: 'accounts',
    text: null,
    args: { csm: '$own' },
    expect: cells(A, D, A, D, A),
  },
  {
    name: 'accounts (the whole team)',
    intent: 'accounts',
    text: null,
    args: { scope: 'team' },
    expect: cells(D, D, A, D, A),
  },
  {
    name: 'account_glance',
    intent: 'account_glance',
    text: 'tell me about Acme Corp',
    args: ACME,
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'my_day',
    intent: 'my_day',
    text: 'what should I focus on today?',
    args: {},
    expect: OWN_BOOK_REPORT,
  },
  {
    name: 'movers (my book)',
    intent: 'movers',
    text: 'what changed this week?',
    args: { days: 7 },
    expect: OWN_BOOK_REPORT,
  },
  {
    name: "movers (Acme's CSM's book)",
    intent: 'movers',
    text: null,
    args: { csm: '$own' },
    expect: cells(A, D, A, D, A),
  },
  { name: 'nrr_report', intent: 'nrr_report', text: 'NRR report', args: {}, expect: OWN_BOOK_REPORT },
  {
    name: 'advocates (my book)',
    intent: 'advocates',
    text: 'who can be a reference?',
    args: { scope: 'mine' },
    expect: OWN_BOOK_REPORT,
  },
  {
    name: "advocates (Acme's CSM's book)",
    intent: 'advocates',
    text: null,
    args: { csm: '$own' },
    expect: cells(A, D, A, D, A),
  },
  {
    name: 'cohort_analysis',
    intent: 'cohort_analysis',
    text: 'cohort analysis',
    args: {},
    expect: OWN_BOOK_REPORT,
  },
  {
    name: 'account_feedback',
    intent: 'account_feedback',
    text: 'feedback for Acme Corp',
    args: ACME,
    expect: ACCOUNT_FEEDBACK,
  },
  {
    name: 'top_requests',
    intent: 'top_requests',
    text: 'top requests',
    args: {},
    expect: FEEDBACK_QUEUE_REPORT,
  },
  {
    name: 'feedback_themes',
    intent: 'feedback_themes',
    text: 'themes this month',
    args: {},
    expect: FEEDBACK_QUEUE_REPORT,
  },
  {
    name: 'feedback_sla',
    intent: 'feedback_sla',
    text: 'feedback sla',
    args: {},
    expect: FEEDBACK_QUEUE_REPORT,
  },
  {
    name: 'log_feedback',
    intent: 'log_feedback',
    text: 'feedback Acme Corp: the CSV export times out on big workspaces',
    args: { ...ACME, text: 'the CSV export times out on big workspaces' },
    expect: ACCOUNT_FEEDBACK,
  },
  {
    name: 'acknowledge_feedback',
    intent: 'acknowledge_feedback',
    text: null,
    args: { feedback_id: ITEM },
    expect: ACCOUNT_FEEDBACK,
  },
  {
    name: 'reassign_feedback',
    intent: 'reassign_feedback',
    text: null,
    args: { feedback_id: ITEM, owner: 'product' },
    expect: ACCOUNT_FEEDBACK,
  },
  {
    name: 'unmerge_feedback',
    intent: 'unmerge_feedback',
    text: null,
    args: { feedback_id: ITEM },
    expect: ACCOUNT_FEEDBACK,
  },
  {
    name: 'decide_duplicate',
    intent: 'decide_duplicate',
    text: null,
    args: { feedback_id: ITEM, candidate_id: CANDIDATE, decision: 'not_duplicate' },
    expect: ACCOUNT_FEEDBACK,
  },
  {
    name: 'resolve_feedback',
    intent: 'resolve_feedback',
    text: null,
    args: { feedback_id: ITEM },
    expect: ACCOUNT_FEEDBACK,
  },
  {
    name: 'link_roadmap',
    intent: 'link_roadmap',
    text: null,
    args: { feedback_id: ITEM, roadmap: ROADMAP },
    expect: ACCOUNT_FEEDBACK,
  },
  {
    name: 'set_roadmap_status',
    intent: 'set_roadmap_status',
    text: null,
    args: { roadmap: ROADMAP, status: 'planned' },
    expect: FEEDBACK_QUEUE_REPORT,
  },
  {
    name: 'shipped_requests',
    intent: 'shipped_requests',
    text: 'what did we ship that customers asked for?',
    args: {},
    expect: FEEDBACK_QUEUE_REPORT,
  },
  {
    name: 'disagree_score',
    intent: 'disagree_score',
    text: null,
    args: { ...ACME, reason: 'score_too_high', as_of: TEST_AS_OF },
    expect: ACCOUNT_HEALTH,
  },
  { name: 'audit_log', intent: 'audit_log', text: null, args: { limit: 5 }, expect: ADMIN_ONLY },
  { name: 'purge_audit', intent: 'purge_audit', text: null, args: {}, expect: ADMIN_ONLY },
  {
    name: 'record_product_events',
    intent: 'record_product_events',
    text: null,
    args: { messages: [{ type: 'track', userId: 'u1', event: 'Report Created', messageId: 'matrix-1' }] },
    expect: ADMIN_ONLY,
  },
  { name: 'alerts (my book)', intent: 'alerts', text: 'my alerts', args: {}, expect: OWN_BOOK_REPORT },
  {
    name: "alerts (Acme's CSM's book)",
    intent: 'alerts',
    text: null,
    args: { csm: '$own' },
    expect: cells(A, D, A, D, A),
  },
  {
    name: 'score_backtest (my book)',
    intent: 'score_backtest',
    text: 'how good is our health score?',
    args: {},
    expect: OWN_BOOK_REPORT,
  },
  {
    name: 'score_backtest (the whole team)',
    intent: 'score_backtest',
    text: null,
    args: { scope: 'team' },
    expect: cells(D, D, A, D, A),
  },
  {
    name: "score_backtest (Acme's CSM's book)",
    intent: 'score_backtest',
    text: null,
    args: { csm: '$own' },
    expect: cells(A, D, A, D, A),
  },
  {
    name: 'update_alert (acknowledge)',
    intent: 'update_alert',
    text: null,
    args: { alert_id: ALERT, action: 'acknowledge' },
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'update_alert (snooze until the inputs change)',
    intent: 'update_alert',
    text: null,
    args: { alert_id: ALERT, action: 'snooze', until: 'inputs' },
    expect: ACCOUNT_HEALTH,
  },
  {
    name: 'link_roadmap --status (moves the whole item)',
    intent: 'link_roadmap',
    text: null,
    args: { feedback_id: ITEM, roadmap: ROADMAP, status: 'planned' },
    expect: FEEDBACK_QUEUE_REPORT,
  },
  {
    name: 'book_home (the App Home: my book)',
    intent: 'book_home',
    text: null,
    args: {},
    expect: OWN_BOOK_REPORT,
  },
  {
    name: "book_home (Acme's CSM's book)",
    intent: 'book_home',
    text: null,
    args: { csm: '$own' },
    expect: cells(A, D, A, D, A),
  },
  {
    name: 'book_home (the whole team)',
    intent: 'book_home',
    text: null,
    args: { scope: 'team' },
    expect: cells(D, D, A, D, A),
  },
  {
    name: 'daily_digest (my book)',
    intent: 'daily_digest',
    text: null,
    args: {},
    expect: OWN_BOOK_REPORT,
  },
  {
    name: "daily_digest (Acme's CSM's book)",
    intent: 'daily_digest',
    text: null,
    args: { csm: '$own' },
    expect: cells(A, D, A, D, A),
  },
  {
    name: 'alerts by id (what a DM or an escalation shows)',
    intent: 'alerts',
    text: null,
    args: { alert_ids: [ALERT] },
    expect: ACCOUNT_HEALTH,
  },
  ...requestRows(),
  ...channelRows(),
  { name: 'help', intent: 'help', text: 'help', args: {}, expect: cells(A, A, A, A, A) },
];

/**
 * Every write to a request from two books: each is checked against every account on the request,
 * so neither CSM may make it alone; support and leaders may (their role works requests across books).
 */
function requestRows(): Row[] {
  const REQUEST = cells(D, D, A, A, A);
  const reopen = async () => {
    await store.db.query(
      `UPDATE feedback SET status = 'open', resolved_at = NULL, acknowledged_at = NULL, reassigned_to = NULL,
              canonical_id = CASE WHEN feedback_id = $2 THEN $1 ELSE canonical_id END
        WHERE feedback_id = ANY($3::text[])`,
      [SHARED, SHARED_MERGED, [SHARED, SHARED_MERGED]],
    );
    await store.db.query('DELETE FROM roadmap_links WHERE feedback_id = $1', [SHARED]);
  };
  const row = (intent: string, args: Record<string, unknown>, what = intent): Row => ({
    name: `${what} (a request from two books)`,
    intent,
    text: null,
    args,
    expect: REQUEST,
    reset: reopen,
  });
  return [
    row('acknowledge_feedback', { feedback_id: SHARED }),
    row('acknowledge_feedback', { feedback_id: SHARED_MERGED }, 'acknowledge_feedback of its merged item'),
    row('reassign_feedback', { feedback_id: SHARED, owner: 'product' }),
    row('resolve_feedback', { feedback_id: SHARED }),
    row('unmerge_feedback', { feedback_id: SHARED_MERGED }),
    row('link_roadmap', { feedback_id: SHARED, roadmap: ROADMAP }),
    row(
      'decide_duplicate',
      { feedback_id: SHARED_CANDIDATE, candidate_id: SHARED, decision: 'not_duplicate' },
      'decide_duplicate into it',
    ),
  ];
}

async function putChannel(channel: string, accountId: string | null): Promise<void> {
  await store.db.query('DELETE FROM customer_channels WHERE channel_id = $1', [channel]);
  if (accountId)
    await linkChannel(store.db, {
      channel_id: channel,
      account_id: accountId,
      name: null,
      shared: false,
      linked_via: 'cli',
      linked_by: 'matrix',
      linked_at: `${TEST_AS_OF}T09:00:00.000Z`,
      backfill_days: 30,
    });
}

/**
 * What customers say: an account's signals read like its health; a channel's link is a write
 * checked against the account it is linked to and the account it would be linked to.
 */
function channelRows(): Row[] {
  return [
    { name: 'signals', intent: 'signals', text: 'signals for Acme Corp', args: ACME, expect: ACCOUNT_HEALTH },
    {
      name: 'book_signals (my book)',
      intent: 'book_signals',
      text: 'churn signals this week',
      args: { scope: 'mine' },
      expect: OWN_BOOK_REPORT,
    },
    {
      name: 'signal_backtest (my book)',
      intent: 'signal_backtest',
      text: null,
      args: { signal: 'customer_voice' },
      expect: OWN_BOOK_REPORT,
    },
    {
      name: 'signal_backtest (the whole team)',
      intent: 'signal_backtest',
      text: null,
      args: { signal: 'responsiveness', scope: 'team' },
      expect: cells(D, D, A, D, A),
    },
    {
      name: 'channels (my book)',
      intent: 'channels',
      text: 'customer channels',
      args: { scope: 'mine' },
      expect: OWN_BOOK_REPORT,
    },
    {
      name: 'link_channel (a new channel to Acme)',
      intent: 'link_channel',
      text: null,
      args: { ...ACME, channel: NEW_CHANNEL },
      expect: ACCOUNT_HEALTH,
      reset: () => putChannel(NEW_CHANNEL, null),
    },
    {
      name: "link_channel (another book's channel to Acme)",
      intent: 'link_channel',
      text: null,
      args: { ...ACME, channel: OTHER_CHANNEL },
      expect: cells(D, D, A, D, A),
      reset: () => putChannel(OTHER_CHANNEL, fixture.elsewhere),
    },
    {
      name: "unlink_channel (Acme's channel)",
      intent: 'unlink_channel',
      text: null,
      args: { channel: ACME_CHANNEL, purge: true },
      expect: ACCOUNT_HEALTH,
      reset: () => putChannel(ACME_CHANNEL, fixture.acme),
    },
  ];
}

const SECRET = 'matrix-signing-secret';
const STRANGER = 'U0STRANGER9';

let store: TestStore;
let fake: FakeSlackApi;
let slack: SlackApp;
let base: string;
let config: Config;
let rt: Runtime;
let authFailures: AuthFailureLog;
/** The failed-authentication log's clock, moved by hand. */
let clockAt = Date.parse(`${TEST_AS_OF}T09:00:00.000Z`);
/** Each role's user id and Slack id (unknown: a Slack user the team has not added). */
const people = {} as Record<Role, { user: string; slack: string }>;
/** Acme's account id and an account of the other CSM's book. */
const fixture = { acme: '', elsewhere: '' };
let seq = 0;

beforeAll(async () => {
  store = await openDemoStore(TEST_AS_OF, 60);
  // Snapshots old enough for the backtest to judge (its rows below need cutoffs 90 days back).
  await backfillOn(store.db, [
    addDays(TEST_AS_OF, -150),
    addDays(TEST_AS_OF, -120),
    addDays(TEST_AS_OF, -91),
  ]);
  const [own] = await store.db.query<{ user_id: string; slack_id: string }>(
    `SELECT u.user_id, u.slack_id FROM users u JOIN accounts a ON a.csm = u.email WHERE a.name = 'Acme Corp'`,
  );
  const pick = (sql: string, params: unknown[] = []) =>
    store.db.query<{ user_id: string; slack_id: string }>(sql, params).then((r) => r[0]);
  const other = await pick(
    "SELECT user_id, slack_id FROM users WHERE role = 'csm' AND user_id <> $1 ORDER BY user_id LIMIT 1",
    [own?.user_id],
  );
  const leader = await pick(
    "SELECT user_id, slack_id FROM users WHERE role = 'leader' ORDER BY user_id LIMIT 1",
  );
  const support = await pick(
    "SELECT user_id, slack_id FROM users WHERE role = 'support' ORDER BY user_id LIMIT 1",
  );
  const admin = await pick(
    "SELECT user_id, slack_id FROM users WHERE role = 'admin' ORDER BY user_id LIMIT 1",
  );
  for (const [role, u] of Object.entries({ own, other, leader, support, admin })) {
    if (!u) throw new Error(`the demo has no ${role} user`);
    people[role as Role] = { user: u.user_id, slack: u.slack_id };
  }
  people.unknown = { user: 'nobody@elsewhere.example', slack: STRANGER };
  const [acme] = await store.db.query<{ account_id: string }>(
    "SELECT account_id FROM accounts WHERE name = 'Acme Corp'",
  );
  for (const [feedback_id, hour, text] of [
    [ITEM, '09', 'The CSV export times out on our large workspace.'],
    [CANDIDATE, '08', 'Exports of big workspaces never finish.'],
  ] as const)
    await insertFeedback(store.db, {
      feedback_id,
      account_id: acme?.account_id ?? '',
      source: 'ticket',
      created_at: `${TEST_AS_OF}T${hour}:00:00.000Z`,
      text,
    });
  const [elsewhere] = await store.db.query<{ account_id: string }>(
    `SELECT a.account_id FROM accounts a JOIN users u ON a.csm = u.email WHERE u.user_id = $1 ORDER BY a.account_id LIMIT 1`,
    [people.other.user],
  );
  fixture.acme = acme?.account_id ?? '';
  fixture.elsewhere = elsewhere?.account_id ?? '';
  for (const [feedback_id, account, hour, text] of [
    [SHARED, acme?.account_id, '10', 'We need SAML single sign-on for our whole company.'],
    [SHARED_MERGED, elsewhere?.account_id, '11', 'Please add SAML SSO, our IT team requires it.'],
    [SHARED_CANDIDATE, elsewhere?.account_id, '12', 'Single sign-on with Okta would help us a lot.'],
  ] as const)
    await insertFeedback(store.db, {
      feedback_id,
      account_id: account ?? '',
      source: 'ticket',
      created_at: `${TEST_AS_OF}T${hour}:00:00.000Z`,
      text,
    });
  await store.db.query(
    `UPDATE feedback SET status = 'open', canonical_id = CASE WHEN feedback_id = $2 THEN $1 END WHERE feedback_id = ANY($3::text[])`,
    [SHARED, SHARED_MERGED, [SHARED, SHARED_MERGED, SHARED_CANDIDATE]],
  );
  await store.db.query(
    `INSERT INTO feedback_duplicate_pairs (feedback_id, candidate_id, similarity, rank) VALUES ($1, $2, 0.5, 1)`,
    [SHARED_CANDIDATE, SHARED],
  );
  await store.db.query(
    `INSERT INTO roadmap_items (roadmap_key, title, status, created_at, updated_at) VALUES ($1, 'CSV export', 'under_review', $2, $2)`,
    [ROADMAP, `${TEST_AS_OF}T09:00:00.000Z`],
  );
  await store.db.query(
    `INSERT INTO feedback_duplicate_pairs (feedback_id, candidate_id, similarity, rank) VALUES ($1, $2, 0.5, 1)`,
    [ITEM, CANDIDATE],
  );
  await store.db.query(
    `INSERT INTO alerts (alert_id, account_id, rule, reason_key, owner, severity, state, reason, evidence, inputs_key, since, raised_on, last_seen, updated_at)
     VALUES ($1, $2, 'champion_left', '', $3, 'critical', 'open', 'Champion left on 2026-11-03.', '[]', 'x', $4, $4, $4, $5)`,
    [ALERT, acme?.account_id ?? '', people.own.user, TEST_AS_OF, `${TEST_AS_OF}T09:00:00.000Z`],
  );
  fake = await new FakeSlackApi().start();
  config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-matrix',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    CSE_API_TOKEN: 'matrix-api-token',
  });
  rt = { db: store.db, config, logger: createLogger('silent'), clock: TEST_CLOCK };
  authFailures = authFailureLog({
    db: store.db,
    logger: rt.logger,
    limit: 10,
    now: () => clockAt,
    manual: true,
  });
  ({ app: slack, base } = await startHttpSlackApp(slackTestDeps(store.db, config), [
    feedbackRoute({ ...rt, queue: null, apiToken: config.CSE_API_TOKEN, authFailures }),
  ]));
});

afterAll(async () => {
  await slack?.stop();
  await fake?.stop();
  await store?.cleanup();
});

/** `$own` in args stands for the own-book CSM's user id. */
const argsOf = (row: Row) =>
  Object.fromEntries(Object.entries(row.args).map(([k, v]) => [k, v === '$own' ? people.own.user : v]));

/** The audit entries written since `after`, oldest first. */
async function auditSince(after: number) {
  return store.db.query<{ id: number; intent: string | null; outcome: string; error_code: string | null }>(
    'SELECT id, intent, outcome, error_code FROM audit_log WHERE id > $1 ORDER BY id',
    [after],
  );
}

async function lastAuditId(): Promise<number> {
  const [row] = await store.db.query<{ id: number | null }>('SELECT max(id)::int AS id FROM audit_log');
  return row?.id ?? 0;
}

const REFUSED = new Set(['forbidden', 'user_unknown']);

/** What happened to one attempt, from the audit log: allowed (ok), refused, or something else that went wrong. */
async function outcomeSince(after: number, intent: string): Promise<Cell | string> {
  const rows = await auditSince(after);
  const row = rows.find((r) => r.intent === intent || REFUSED.has(r.error_code ?? '')) ?? rows[0];
  if (!row) return 'no audit entry';
  if (row.outcome === 'ok') return 'allow';
  if (REFUSED.has(row.error_code ?? '')) return 'deny';
  return `error ${row.error_code}`;
}

const send = (payload: Record<string, unknown>, kind: 'event' | 'command' | 'interaction') =>
  postToSlackApp(`${base}/slack/events`, signedRequest(SECRET, payload, kind));

type Surface = (row: Row, role: Role) => Promise<Cell | string>;

/** cse ask --as / cse run --as / cse chat --as: the CLI's own context for that user, in this process. */
const cli =
  (surface: 'cli' | 'chat', how: 'ask' | 'run'): Surface =>
  async (row, role) => {
    const after = await lastAuditId();
    try {
      const ctx = await commandContext(rt, people[role].user, surface);
      if (how === 'ask') await ask(ctx, row.text ?? '');
      else await run(ctx, row.intent, argsOf(row));
    } catch (error) {
      if ((error as { code?: string }).code === 'user_unknown') return 'deny';
    }
    return outcomeSince(after, row.intent);
  };

const mention: Surface = async (row, role) => {
  const ts = `1765000000.${String(++seq).padStart(6, '0')}`;
  const after = await lastAuditId();
  await send(mentionEvent(`EvM${seq}`, people[role].slack, row.text ?? '', ts, 'C0MATRIX'), 'event');
  await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
  return outcomeSince(after, row.intent);
};

const dm: Surface = async (row, role) => {
  const channel = `D0M${++seq}`;
  const ts = `1765100000.${String(seq).padStart(6, '0')}`;
  const after = await lastAuditId();
  const event = {
    type: 'message',
    channel_type: 'im',
    user: people[role].slack,
    text: row.text,
    ts,
    channel,
    event_ts: ts,
  };
  await send(eventCallback(`EvD${seq}`, event), 'event');
  await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === channel);
  return outcomeSince(after, row.intent);
};

const slashCommand: Surface = async (row, role) => {
  const responseUrl = `${fake.responseUrlBase}matrix-cmd-${++seq}`;
  const after = await lastAuditId();
  await send(
    {
      token: 'legacy',
      team_id: 'T00000001',
      channel_id: 'C0MATRIX',
      user_id: people[role].slack,
      command: '/cs',
      text: row.text ?? '',
      api_app_id: 'A0',
      response_url: responseUrl,
      trigger_id: `tr-${seq}`,
    },
    'command',
  );
  await fake.waitFor((c) => c.method === 'response_url' && c.url === responseUrl);
  return outcomeSince(after, row.intent);
};

/**
 * The button a command is reached from, with a value forged to target Acme Corp (or its item, or
 * its CSM's book) whoever clicks: the values are re-checked by the router on click.
 */
function forgedButton(row: Row): {
  action_id: string;
  type: string;
  value?: string;
  selected_option?: { value: string };
} {
  const args = argsOf(row);
  const feedbackButtons: Record<string, string> = {
    acknowledge_feedback: 'fb_acknowledge',
    resolve_feedback: 'fb_resolve',
    unmerge_feedback: 'fb_not_duplicate',
  };
  if (feedbackButtons[row.intent])
    return { type: 'button', action_id: feedbackButtons[row.intent] ?? '', value: String(args.feedback_id) };
  if (row.intent === 'decide_duplicate')
    return {
      type: 'button',
      action_id: 'fb_not_duplicate_suggested',
      value: `${String(args.feedback_id)}|${String(args.candidate_id)}`,
    };
  if (row.intent === 'update_alert')
    return row.args.action === 'snooze'
      ? { type: 'static_select', action_id: 'alert_snooze', selected_option: { value: `${ALERT}|inputs` } }
      : { type: 'button', action_id: 'alert_ack', value: ALERT };
  if (row.intent === 'reassign_feedback')
    return {
      type: 'static_select',
      action_id: 'fb_reassign',
      selected_option: { value: `${String(args.feedback_id)}|product` },
    };
  if (row.intent === 'disagree_score')
    return {
      type: 'static_select',
      action_id: 'cs_disagree',
      selected_option: {
        value: encodeDisagree({
          reason: 'score_too_high',
          account: 'Acme Corp',
          as_of: TEST_AS_OF,
          score: 99,
          tier: 'thriving',
        }),
      },
    };
  const { account, ...rest } = args;
  return {
    type: 'button',
    action_id: 'cs_page',
    value: encodeValue({ intent: row.intent, args: rest, account: account ?? null, page: 1 }),
  };
}

const button: Surface = async (row, role) => {
  const messageTs = `1765200000.${String(++seq).padStart(6, '0')}`;
  const responseUrl = `${fake.responseUrlBase}matrix-act-${seq}`;
  const after = await lastAuditId();
  const action = forgedButton(row);
  await send(
    {
      type: 'block_actions',
      user: { id: people[role].slack },
      api_app_id: 'A0',
      token: 'legacy',
      team: { id: 'T00000001' },
      container: { type: 'message', message_ts: messageTs, channel_id: 'C0MATRIX', is_ephemeral: false },
      trigger_id: `tr-${seq}`,
      channel: { id: 'C0MATRIX' },
      message: { ts: messageTs, text: 'answer' },
      response_url: responseUrl,
      actions: [
        { block_id: 'answer_actions', action_ts: '1', text: { type: 'plain_text', text: 'x' }, ...action },
      ],
    },
    'interaction',
  );
  await fake.waitFor(
    (c) =>
      (c.method === 'chat.postMessage' && c.body.thread_ts === messageTs) ||
      (c.method === 'response_url' && c.url === responseUrl),
  );
  return outcomeSince(after, row.intent);
};

const modal: Surface = async (row, role) => {
  const after = await lastAuditId();
  await send(
    {
      type: 'view_submission',
      team: { id: 'T00000001' },
      user: { id: people[role].slack },
      api_app_id: 'A0',
      token: 'legacy',
      trigger_id: `tr-${++seq}`,
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: 'log_feedback_modal',
        private_metadata: JSON.stringify({ channel: 'C0MATRIX', message_ts: `1765300000.${seq}` }),
        hash: 'h',
        state: {
          values: {
            account_block: { account: { type: 'plain_text_input', value: 'Acme Corp' } },
            source_block: { source: { type: 'static_select', selected_option: { value: 'call_note' } } },
            text_block: { text: { type: 'plain_text_input', value: `${String(row.args.text)} (${role})` } },
          },
        },
      },
    },
    'interaction',
  );
  return outcomeSince(after, row.intent);
};

const SURFACES: { name: string; surface: Surface; reaches: (row: Row) => boolean }[] = [
  { name: 'cse ask --as', surface: cli('cli', 'ask'), reaches: (r) => r.text !== null },
  { name: 'cse run --as', surface: cli('cli', 'run'), reaches: () => true },
  { name: 'cse chat --as', surface: cli('chat', 'ask'), reaches: (r) => r.text !== null },
  { name: 'Slack mention', surface: mention, reaches: (r) => r.text !== null },
  { name: 'Slack DM', surface: dm, reaches: (r) => r.text !== null },
  { name: '/cs', surface: slashCommand, reaches: (r) => r.text !== null },
  { name: 'buttons (forged values)', surface: button, reaches: () => true },
  { name: 'feedback modal', surface: modal, reaches: (r) => r.intent === 'log_feedback' },
];

describe('authorisation matrix: every command and write × role × surface', () => {
  it('covers every command in the registry', () => {
    expect(new Set(ROWS.map((r) => r.intent))).toEqual(new Set(COMMANDS.map((c) => c.intent)));
  });

  for (const { name, surface, reaches } of SURFACES) {
    it(`decides every cell as the table says: ${name}`, async () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const row of ROWS.filter(reaches)) {
        for (const role of ROLES) {
          await row.reset?.();
          const seen = await surface(row, role);
          checked++;
          if (seen !== row.expect[role])
            wrong.push(`${row.name} × ${role}: expected ${row.expect[role]}, got ${seen}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(checked).toBe(ROWS.filter(reaches).length * ROLES.length);
    });
  }

  it('App Home: each role gets what its role may read, through the router, and each publish is audited', async () => {
    const homes: Record<string, string> = {};
    for (const role of ROLES) {
      const after = await lastAuditId();
      const user = people[role].slack;
      await send(
        eventCallback(`EvHome${++seq}`, {
          type: 'app_home_opened',
          user,
          channel: `D0HOME${seq}`,
          tab: 'home',
          event_ts: `1765400000.${seq}`,
        }),
        'event',
      );
      const publish = await fake.waitFor((c) => c.method === 'views.publish' && c.body.user_id === user);
      homes[role] = JSON.stringify(publish.body.view);
      fake.calls.splice(fake.calls.indexOf(publish), 1);
      const audit = await auditSince(after);
      expect(audit.map((a) => `${a.intent}:${a.outcome}`)).toEqual([
        role === 'unknown' ? 'book_home:error' : role === 'support' ? 'feedback_sla:ok' : 'book_home:ok',
      ]);
    }
    // A CSM sees their own book; a leader and an admin the whole portfolio.
    expect(homes.own).toMatch(/'s book: \d+ accounts/);
    expect(homes.own).not.toContain('Whole portfolio');
    expect(homes.leader).toContain('Whole portfolio');
    // Support works the feedback queue: no portfolio, no ARR, no health tiers.
    expect(homes.support).toContain('feedback queue');
    expect(homes.support).not.toMatch(/Whole portfolio|ARR|health tier|Renewals/);
    expect(homes.unknown).toContain("I don't know you yet");
    // The CSM's book names only their accounts.
    const names = await store.db.query<{ name: string }>(
      `SELECT a.name FROM accounts a JOIN users u ON a.csm = u.email WHERE u.user_id = $1`,
      [people.other.user],
    );
    expect(names.length).toBeGreaterThan(0);
    for (const { name } of names) expect(homes.own).not.toContain(name);
  });

  it('HTTP: POST /v1/feedback logs for any account with the API token, and is refused (and audited) without it', async () => {
    const post = (auth: string | null) =>
      fetch(`${base}/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify({ account: 'Acme Corp', source: 'in_app', text: `matrix ${++seq}` }),
      });
    let after = await lastAuditId();
    expect((await post('Bearer matrix-api-token')).status).toBe(202);
    expect(await outcomeSince(after, 'log_feedback')).toBe('allow');
    after = await lastAuditId();
    for (const auth of [null, 'Bearer wrong', 'matrix-api-token', 'Basic matrix-api-token'])
      expect((await post(auth)).status).toBe(401);
    // The minute's failures from one source are one audit row, written when the minute is over.
    expect(await auditSince(after)).toEqual([]);
    clockAt += 60_000;
    await authFailures.flush();
    const [entry, ...more] = await auditSince(after);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ intent: 'log_feedback', outcome: 'error', error_code: 'unauthorized' });
    // The API token logs feedback and nothing else: no reads through run().
    after = await lastAuditId();
    const { apiActor } = await import('../../commands/context.ts');
    await run(
      { ...(await commandContext(rt, undefined, 'cli')), actor: apiActor, surface: 'http' },
      'score',
      ACME,
    ).catch(() => undefined);
    expect(await outcomeSince(after, 'score')).toBe('deny');
  });

  it('HTTP: a flood of wrong tokens is limited before anything is written: 10 × 401, then 429, and one audit row a minute', async () => {
    clockAt += 120_000;
    await authFailures.flush();
    const after = await lastAuditId();
    const statuses: number[] = [];
    for (let n = 0; n < 3000; n++) {
      const res = await fetch(`${base}/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer wrong-${n}` },
        body: '{}',
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2990);
    expect(await auditSince(after)).toEqual([]);
    clockAt += 60_000;
    await authFailures.flush();
    const rows = await store.db.query<{ args: Record<string, unknown>; detail: string }>(
      'SELECT args, detail FROM audit_log WHERE id > $1 ORDER BY id',
      [after],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.args).toMatchObject({ attempts: 10, refused: 2990 });
    expect(rows[0]?.detail).toMatch(
      /^10 failed authentications from .+; 2990 more answered 429 over the limit$/,
    );
    // The right token is not held back by someone else's failures from the same address.
    const ok = await fetch(`${base}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer matrix-api-token' },
      body: JSON.stringify({ account: 'Acme Corp', source: 'in_app', text: 'flood check' }),
    });
    expect(ok.status).toBe(202);
  });

  it('says whose book it is and who can help, and keeps "did you mean" inside the asker’s book', async () => {
    const other = await commandContext(rt, people.other.user, 'cli');
    await expect(ask(other, 'score Acme Corp')).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/^Acme Corp is in .+'s book$/),
      hint: 'Ask them or a CS leader.',
    });
    // A near-miss spelling that lands in another book names neither the account nor its CSM.
    const after = await lastAuditId();
    const nearMiss = await ask(other, 'score Acme Crop').catch((error: unknown) => error);
    expect(nearMiss).toMatchObject({ code: 'account_not_found', details: { suggestions: [] } });
    expect(String((nearMiss as Error).message)).toMatch(/^No account in your book matches/);
    expect(JSON.stringify(nearMiss)).not.toMatch(/Acme Corp|'s book/);
    expect((await auditSince(after)).map((r) => r.error_code)).toEqual(['forbidden']);
    const support = await commandContext(rt, people.support.user, 'cli');
    await expect(ask(support, 'score Acme Corp')).rejects.toMatchObject({
      code: 'forbidden',
      message:
        'Health score is not open to support (support can log feedback for any account and work the feedback queue)',
    });
    // "Did you mean" names only accounts the asker may read.
    const [owner] = await store.db.query<{ user_id: string }>(
      "SELECT u.user_id FROM accounts a JOIN users u ON a.csm = u.email WHERE a.name = 'Tyrell Systems'",
    );
    const [outsider] = await store.db.query<{ user_id: string }>(
      "SELECT user_id FROM users WHERE role = 'csm' AND user_id <> $1 ORDER BY user_id LIMIT 1",
      [owner?.user_id],
    );
    const typo = 'health score for Tyrel Sys';
    for (const who of [people.leader.user, owner?.user_id ?? ''])
      await expect(ask(await commandContext(rt, who, 'cli'), typo)).rejects.toMatchObject({
        code: 'account_not_found',
        details: { suggestions: ['Tyrell Systems'] },
      });
    await expect(ask(await commandContext(rt, outsider?.user_id ?? '', 'cli'), typo)).rejects.toMatchObject({
      code: 'account_not_found',
      message: "No account in your book matches 'tyrel sys'",
      details: { suggestions: [] },
    });
  });
});
