import { TICKET_SEVERITIES } from '../../core/tickets.ts';
import {
  date,
  decimal,
  type Field,
  integer,
  money,
  month,
  monthList,
  oneOf,
  text,
  timestamp,
} from './fields.ts';
import { IMPORT_KIND_NAMES, type ImportKindName } from './kind-names.ts';

/**
 * Every import kind of DESIGN §5: the file's column names (the contract), the table and column
 * each is stored in, the natural key, and the field schema that validates and converts it.
 */
export { IMPORT_KIND_NAMES };

export interface ImportColumn {
  /** Column name in the file. */
  name: string;
  /** Column in the table (money is stored in cents). */
  column: string;
  field: Field;
  /** Must be present in the header (and, for key columns, non-empty). */
  required?: boolean;
}

export interface ImportKind {
  kind: ImportKindName;
  table: string;
  /** Natural key, as table columns. */
  key: readonly string[];
  columns: readonly ImportColumn[];
  /** Rows belong to an account that must already exist. */
  belongsToAccount: boolean;
  /** One-line description for help and docs. */
  description: string;
  /** Fills values that default to others (after validation), e.g. an account's name to its id. */
  fillDefaults?: (values: Record<string, unknown>) => void;
  /**
   * Rows that name a `product` go to this table, keyed by product too; with `sumInto`, the
   * account's own row is then the sum of its products (revenue: additive, so metrics stay right).
   */
  byProduct?: { table: string; sumInto?: string };
}

const col = (
  name: string,
  field: Field,
  options: { column?: string; required?: boolean } = {},
): ImportColumn => ({
  name,
  column: options.column ?? name,
  field,
  ...(options.required ? { required: true } : {}),
});
const id = (name: string, options: { column?: string } = {}) =>
  col(name, text(true), { ...options, required: true });
const accountRef = () => id('account_id');

export const SEGMENTS = ['enterprise', 'mid-market', 'smb', 'self-serve'] as const;
export const CONTRACT_TERMS = ['monthly', 'annual', 'multi-year'] as const;
export const CONTACT_ROLES = ['champion', 'exec_sponsor', 'technical_lead', 'admin', 'user'] as const;
export const FEEDBACK_SOURCES = ['nps', 'csat', 'survey', 'ticket', 'in_app', 'call_note', 'slack'] as const;
export const TOUCHPOINT_KINDS = ['call', 'email', 'meeting', 'qbr', 'exec_touch'] as const;
export const GOAL_STATUSES = ['not_started', 'in_progress', 'achieved', 'missed'] as const;
export const INVOICE_STATUSES = ['open', 'paid', 'late', 'failed', 'void'] as const;
export const USER_ROLES = ['csm', 'leader', 'support', 'admin'] as const;
export const EVENT_TYPES = [
  'champion_left',
  'champion_promoted',
  'billing_page_visit',
  'data_export',
  'competitor_eval',
  'seats_removed',
  'usage_limit_hit',
  'higher_tier_request',
  'api_access_request',
  'new_team_interest',
  'funding_round',
  'payment_failed',
  'integration_failed',
  'kickoff_delayed',
  'acquired_by',
  'acquired_company',
] as const;

const count = () => integer(0, 1_000_000_000);

export const IMPORT_KINDS: readonly ImportKind[] = [
  {
    kind: 'accounts',
    table: 'accounts',
    key: ['account_id'],
    belongsToAccount: false,
    description: 'one row per customer account: segment, CSM, plan, contract and renewal',
    fillDefaults: (values) => {
      values.name ??= values.account_id;
    },
    columns: [
      id('account_id'),
      col('name', text()),
      col('domain', text()),
      col('segment', oneOf(SEGMENTS)),
      col('industry', text()),
      col('csm', text()),
      col('plan', text()),
      col('arr', money(), { column: 'arr_cents' }),
      col('seats_purchased', count()),
      col('contract_start', date()),
      col('renewal_date', date()),
      col('contract_term', oneOf(CONTRACT_TERMS)),
      col('status', oneOf(['active', 'churned'])),
      col('churned_at', date()),
      col('churn_reason', text()),
      col('seasonal_months', monthList()),
    ],
  },
  {
    kind: 'contacts',
    table: 'contacts',
    key: ['contact_id'],
    belongsToAccount: true,
    description: 'people at the customer: champions, exec sponsors, admins, users',
    columns: [
      id('contact_id'),
      accountRef(),
      col('name', text()),
      col('title', text()),
      col('email', text()),
      col('role', oneOf(CONTACT_ROLES)),
      col('last_engaged_at', date()),
      col('left_at', date()),
    ],
  },
  {
    kind: 'revenue',
    table: 'revenue',
    key: ['account_id', 'month'],
    belongsToAccount: true,
    description:
      'month-end MRR per account and month (normalised as in METRICS.md); with a product column, per product line (the account row is their sum)',
    byProduct: { table: 'product_revenue', sumInto: 'mrr_cents' },
    columns: [
      accountRef(),
      col('month', month(true), { required: true }),
      col('mrr', money(true), { column: 'mrr_cents', required: true }),
      col('product', text()),
    ],
  },
  {
    kind: 'usage',
    table: 'usage',
    key: ['account_id', 'date'],
    belongsToAccount: true,
    description:
      'product usage per account and day (or week); with a product column, per product (send the account rows too: users of several products do not add up)',
    byProduct: { table: 'product_usage' },
    columns: [
      accountRef(),
      col('date', date(true), { required: true }),
      col('dau', count()),
      col('wau', count()),
      col('mau', count()),
      col('seats_active', count()),
      col('core_actions', count()),
      col('features_used', count()),
      col('features_total', count()),
      col('product', text()),
    ],
  },
  {
    kind: 'tickets',
    table: 'tickets',
    key: ['ticket_id'],
    belongsToAccount: true,
    description: 'support tickets with severity, status and CSAT',
    columns: [
      id('ticket_id'),
      accountRef(),
      col('opened_at', timestamp(true), { required: true }),
      col('severity', oneOf(TICKET_SEVERITIES)),
      col('status', text()),
      col('resolved_at', timestamp()),
      col('csat', integer(1, 5)),
      col('subject', text()),
      col('body', text()),
    ],
  },
  {
    kind: 'feedback',
    table: 'feedback',
    key: ['feedback_id'],
    belongsToAccount: true,
    description: 'customer feedback: NPS and CSAT comments, surveys, call notes, in-app, Slack',
    columns: [
      id('feedback_id'),
      accountRef(),
      col('source', oneOf(FEEDBACK_SOURCES, true), { required: true }),
      col('created_at', timestamp(true), { required: true }),
      col('score', integer(0, 10)),
      col('text', text(true), { required: true }),
      col('author', text()),
    ],
  },
  {
    kind: 'touchpoints',
    table: 'touchpoints',
    key: ['touchpoint_id'],
    belongsToAccount: true,
    description: 'calls, emails, meetings, QBRs and exec touches with the customer, with their notes',
    columns: [
      id('touchpoint_id'),
      accountRef(),
      col('at', timestamp(true), { required: true }),
      col('kind', oneOf(TOUCHPOINT_KINDS, true), { required: true }),
      col('by', text()),
      col('contact_id', text()),
      // What was said, as our team noted it: read by the signal detector (docs/customer-signals.md).
      col('notes', text()),
    ],
  },
  {
    kind: 'goals',
    table: 'goals',
    key: ['goal_id'],
    belongsToAccount: true,
    description: "the customer's success-plan goals with metric, baseline and target",
    columns: [
      id('goal_id'),
      accountRef(),
      col('objective', text(true), { required: true }),
      col('metric', text()),
      col('baseline', decimal()),
      col('target', decimal()),
      col('due', date()),
      col('status', oneOf(GOAL_STATUSES)),
      col('product', text()),
    ],
  },
  {
    kind: 'events',
    table: 'events',
    key: ['event_id'],
    belongsToAccount: true,
    description: 'leading indicators and expansion signals (champion_left, usage_limit_hit, …)',
    columns: [
      id('event_id'),
      accountRef(),
      col('at', timestamp(true), { required: true }),
      col('type', oneOf(EVENT_TYPES, true), { required: true }),
      col('details', text()),
    ],
  },
  {
    kind: 'invoices',
    table: 'invoices',
    key: ['invoice_id'],
    belongsToAccount: true,
    description: 'invoices with due and paid dates, amount and status',
    columns: [
      id('invoice_id'),
      accountRef(),
      col('due_at', date(true), { required: true }),
      col('paid_at', date()),
      col('amount', money(true), { column: 'amount_cents', required: true }),
      col('status', oneOf(INVOICE_STATUSES, true), { required: true }),
    ],
  },
  {
    kind: 'users',
    table: 'users',
    key: ['user_id'],
    belongsToAccount: false,
    description: 'people on the CS team: CSMs, leaders, support, admins, with their Slack ids',
    columns: [
      id('user', { column: 'user_id' }),
      col('name', text()),
      col('email', text()),
      col('slack_id', text()),
      col('role', oneOf(USER_ROLES)),
      col('team', text()),
    ],
  },
];

export function findImportKind(kind: string): ImportKind | undefined {
  return IMPORT_KINDS.find((k) => k.kind === kind.toLowerCase());
}
