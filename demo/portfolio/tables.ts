/** The demo's tables: the columns of each, as the importers read them. */
export interface DemoTable {
  columns: readonly string[];
  rows: unknown[][];
}
export type DemoTables = Record<DemoTableName, DemoTable>;

/** What a usage row measures, per account or per product. */
const USAGE_MEASURES = [
  'dau',
  'wau',
  'mau',
  'seats_active',
  'core_actions',
  'features_used',
  'features_total',
] as const;

export const DEMO_TABLES = {
  users: ['user_id', 'name', 'email', 'slack_id', 'role', 'team'],
  accounts: [
    'account_id',
    'name',
    'domain',
    'segment',
    'industry',
    'csm',
    'plan',
    'arr_cents',
    'seats_purchased',
    'contract_start',
    'renewal_date',
    'contract_term',
    'status',
    'churned_at',
    'churn_reason',
    'seasonal_months',
  ],
  contacts: ['contact_id', 'account_id', 'name', 'title', 'email', 'role', 'last_engaged_at', 'left_at'],
  revenue: ['account_id', 'month', 'mrr_cents'],
  usage: ['account_id', 'date', ...USAGE_MEASURES],
  tickets: [
    'ticket_id',
    'account_id',
    'opened_at',
    'severity',
    'status',
    'resolved_at',
    'csat',
    'subject',
    'body',
  ],
  feedback: ['feedback_id', 'account_id', 'source', 'created_at', 'score', 'text', 'author', 'attributes'],
  touchpoints: ['touchpoint_id', 'account_id', 'at', 'kind', 'by', 'contact_id', 'notes'],
  goals: ['goal_id', 'account_id', 'objective', 'metric', 'baseline', 'target', 'due', 'status'],
  events: ['event_id', 'account_id', 'at', 'type', 'details'],
  invoices: ['invoice_id', 'account_id', 'due_at', 'paid_at', 'amount_cents', 'status'],
  roadmap_items: ['roadmap_key', 'title', 'status', 'owner', 'created_at', 'updated_at', 'shipped_at'],
  roadmap_links: ['feedback_id', 'roadmap_key', 'linked_at', 'linked_by'],
  product_revenue: ['account_id', 'month', 'product', 'mrr_cents'],
  product_usage: ['account_id', 'date', 'product', ...USAGE_MEASURES],
  customer_channels: [
    'channel_id',
    'account_id',
    'name',
    'shared',
    'linked_via',
    'linked_by',
    'linked_at',
    'backfill_days',
    'backfill_state',
  ],
  customer_messages: [
    'channel_id',
    'ts',
    'account_id',
    'thread_ts',
    'author_id',
    'author_name',
    'side',
    'text',
    'at',
  ],
} as const;
export type DemoTableName = keyof typeof DEMO_TABLES;
