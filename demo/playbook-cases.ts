import { addDays } from '../core/calendar.ts';
import type { DemoVocabulary } from '../knowledge/demo-vocabulary.ts';
import {
  DEMO_TABLES,
  type DemoOptions,
  type DemoTableName,
  type DemoTables,
  generatePortfolio,
} from './generate-portfolio.ts';

/** The demo portfolio with the playbook's cases: what `cse demo` loads. Pure. */
export function demoPortfolio(options: DemoOptions, vocab: DemoVocabulary): DemoTables {
  const tables = generatePortfolio(options, vocab);
  addPlaybookCases(tables, options.asOf, vocab);
  return tables;
}

/** What every case reads the generated rows with. */
function caseReader(tables: DemoTables, asOf: string, vocab: DemoVocabulary) {
  const col = (table: DemoTableName, name: string) => (DEMO_TABLES[table] as readonly string[]).indexOf(name);
  const rows = (table: DemoTableName) => tables[table].rows;
  const accountCol = {
    id: col('accounts', 'account_id'),
    segment: col('accounts', 'segment'),
    status: col('accounts', 'status'),
    csm: col('accounts', 'csm'),
  };
  // The featured accounts keep their scripted stories: the cases go to the accounts after them.
  const unscripted = rows('accounts')
    .slice(vocab.featuredAccounts.length)
    .filter((a) => a[accountCol.status] === 'active');
  const started = col('accounts', 'contract_start');
  const ofSegment = (segment: string) =>
    unscripted.filter((a) => a[accountCol.segment] === segment && String(a[started]) <= addDays(asOf, -365));
  const at = (daysAgo: number, hour = 15) =>
    `${addDays(asOf, -daysAgo)}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const event = (account: unknown[] | undefined, type: string, daysAgo: number, n: number) => {
    if (account)
      tables.events.rows.push([
        `EVT-PB-${n}`,
        account[accountCol.id],
        at(daysAgo, 11),
        type,
        vocab.eventDetails[type] ?? null,
      ]);
  };

  return { col, rows, accountCol, ofSegment, at, event };
}
type CaseReader = ReturnType<typeof caseReader>;

/** Acquired: the first unscripted enterprise customer of a year or more; acquirer: the second. */
function acquisitionCases(r: CaseReader) {
  const { ofSegment, event } = r;
  // Acquired: the first unscripted enterprise customer of a year or more; acquirer: the second.
  const [acquired, acquirer] = ofSegment('enterprise');
  event(acquired, 'acquired_by', 21, 1);
  event(acquirer, 'acquired_company', 35, 2);
}

/** Champion burnout on a mid-market customer (below); returns that account, which the later cases leave alone. */
function championBurnout(r: CaseReader, tables: DemoTables, asOf: string): unknown[] | undefined {
  const { col, rows, accountCol, ofSegment, at } = r;
  // Champion burnout: the first unscripted mid-market customer with a champion still there and
  // another contact. The champion is the contact on every touchpoint of the last 120 days, with
  // a call about every three weeks; nobody else has engaged in that time.
  const contactCol = {
    id: col('contacts', 'contact_id'),
    account: col('contacts', 'account_id'),
    role: col('contacts', 'role'),
    engaged: col('contacts', 'last_engaged_at'),
    left: col('contacts', 'left_at'),
  };
  const present = (accountId: unknown) =>
    rows('contacts').filter((c) => c[contactCol.account] === accountId && c[contactCol.left] === null);
  const burnt = ofSegment('mid-market').find((a) => {
    const people = present(a[accountCol.id]);
    return people.some((c) => c[contactCol.role] === 'champion') && people.length >= 2;
  });
  if (!burnt) return burnt;
  const accountId = burnt[accountCol.id];
  const people = present(accountId);
  const champion = people.find((c) => c[contactCol.role] === 'champion') as unknown[];
  const since = addDays(asOf, -119);
  const tp = {
    account: col('touchpoints', 'account_id'),
    at: col('touchpoints', 'at'),
    contact: col('touchpoints', 'contact_id'),
  };
  for (const t of rows('touchpoints'))
    if (t[tp.account] === accountId && String(t[tp.at]).slice(0, 10) >= since)
      t[tp.contact] = champion[contactCol.id];
  for (const [k, daysAgo] of [8, 29, 50, 71, 92].entries())
    tables.touchpoints.rows.push([
      `TPT-PB-${k + 1}`,
      accountId,
      at(daysAgo),
      'call',
      burnt[accountCol.csm],
      champion[contactCol.id],
      null,
    ]);
  champion[contactCol.engaged] = addDays(asOf, -8);
  for (const c of people)
    if (c !== champion && c[contactCol.engaged] !== null && String(c[contactCol.engaged]) >= since)
      c[contactCol.engaged] = addDays(asOf, -150);
  return burnt;
}

/** A shipped request five customers made, and the most-asked feature request in progress. */
function roadmapCases(
  r: CaseReader,
  tables: DemoTables,
  vocab: DemoVocabulary,
  burnt: unknown[] | undefined,
) {
  const { col, rows, accountCol, ofSegment, at } = r;
  // Roadmap. A request only five customers made, in their own words (the vocabulary's
  // shippedRequest), asked 200 to 300 days ago by the five largest unscripted mid-market customers
  // and shipped 12 days ago; and the feature request most accounts made, in progress, linked from
  // all of its requests.
  const fb = {
    id: col('feedback', 'feedback_id'),
    account: col('feedback', 'account_id'),
    created: col('feedback', 'created_at'),
    attributes: col('feedback', 'attributes'),
  };
  // The clusters are read before the shipped request's own rows join the feedback.
  const active = new Set(
    rows('accounts')
      .filter((a) => a[accountCol.status] === 'active')
      .map((a) => a[accountCol.id]),
  );
  const clusters = new Map<string, unknown[][]>();
  for (const f of rows('feedback')) {
    const attributes = f[fb.attributes] as { demo_theme?: string; demo_cluster?: string };
    if (attributes.demo_theme !== 'feature_request' || !attributes.demo_cluster || !active.has(f[fb.account]))
      continue;
    clusters.set(attributes.demo_cluster, [...(clusters.get(attributes.demo_cluster) ?? []), f]);
  }
  const mrrCol = col('accounts', 'arr_cents');
  const requesters = [...ofSegment('mid-market')]
    .filter((a) => a !== burnt)
    .sort((a, b) => Number(b[mrrCol] ?? 0) - Number(a[mrrCol] ?? 0))
    .slice(0, vocab.shippedRequest.asks.length);
  const request = vocab.shippedRequest;
  tables.roadmap_items.rows.push([
    request.key,
    request.title,
    'shipped',
    'product',
    at(320, 9),
    at(12, 16),
    at(12, 16),
  ]);
  requesters.forEach((account, k) => {
    const id = `FB-PB-${k + 1}`;
    const created = at(300 - 25 * k, 10);
    tables.feedback.rows.push([
      id,
      account[accountCol.id],
      'call_note',
      created,
      null,
      request.asks[k],
      'Customer',
      { demo_theme: 'feature_request', demo_cluster: 'bulk_edit' },
    ]);
    tables.roadmap_links.rows.push([id, request.key, created, 'demo']);
  });
  const askers = (items: unknown[][]) => new Set(items.map((i) => i[fb.account])).size;
  const [inProgress] = [...clusters.entries()].sort(
    (a, b) => askers(b[1]) - askers(a[1]) || a[0].localeCompare(b[0]),
  );
  if (inProgress) {
    const [cluster, items] = inProgress;
    const key = `${cluster.toUpperCase()}-1`;
    tables.roadmap_items.rows.push([
      key,
      vocab.roadmapTitles[cluster] ?? cluster,
      'in_progress',
      'product',
      at(120, 9),
      at(30, 9),
      null,
    ]);
    for (const item of items) {
      // Linked 100 days ago, or when asked if later.
      const linkedAt = [String(item[fb.created]), at(100, 9)].sort().at(-1);
      tables.roadmap_links.rows.push([item[fb.id], key, linkedAt, 'demo']);
    }
  }
}

/** Multi-product customers, their revenue split by product and their usage per product. */
function multiProductCases(r: CaseReader, tables: DemoTables, asOf: string, burnt: unknown[] | undefined) {
  const { col, rows, accountCol, ofSegment } = r;
  // Multi-product customers: the next three unscripted enterprise customers of a year or more hold
  // Platform and Analytics, the first of them Automation too. Their revenue is split by product
  // (the lines sum to the account's MRR, so no revenue figure moves); Platform's usage is the
  // account's, and the others are used by fewer people. On the second, Analytics has lost most of
  // its use in the last four weeks while Platform held: the cross-product risk.
  const [, , ...more] = ofSegment('enterprise');
  const multi = more.filter((a) => a !== burnt).slice(0, 3);
  const rev = {
    account: col('revenue', 'account_id'),
    month: col('revenue', 'month'),
    mrr: col('revenue', 'mrr_cents'),
  };
  const use = {
    account_id: col('usage', 'account_id'),
    date: col('usage', 'date'),
    dau: col('usage', 'dau'),
    wau: col('usage', 'wau'),
    mau: col('usage', 'mau'),
    seats_active: col('usage', 'seats_active'),
    core_actions: col('usage', 'core_actions'),
    features_used: col('usage', 'features_used'),
    features_total: col('usage', 'features_total'),
  };
  const mix: [string, number, number][][] = [
    [
      ['Platform', 0.6, 1],
      ['Analytics', 0.25, 0.4],
      ['Automation', 0.15, 0.25],
    ],
    [
      ['Platform', 0.7, 1],
      ['Analytics', 0.3, 0.45],
    ],
    [
      ['Platform', 0.75, 1],
      ['Analytics', 0.25, 0.3],
    ],
  ];
  const declineFrom = addDays(asOf, -27);
  multi.forEach((account, k) => {
    const id = account[accountCol.id];
    const products = mix[k] ?? [];
    for (const r of rows('revenue').filter((r) => r[rev.account] === id && Number(r[rev.mrr]) > 0)) {
      let left = Number(r[rev.mrr]);
      products.forEach(([product, share], p) => {
        const cents = p === products.length - 1 ? left : Math.round((Number(r[rev.mrr]) * share) / 100) * 100;
        left -= cents;
        tables.product_revenue.rows.push([id, r[rev.month], product, cents]);
      });
    }
    for (const u of rows('usage').filter((u) => u[use.account_id] === id))
      for (const [product, , users] of products) {
        const fading = k === 1 && product === 'Analytics' && String(u[use.date]) >= declineFrom ? 0.35 : 1;
        const scaled = (v: unknown, f = users * fading) => (v === null ? null : Math.round(Number(v) * f));
        const total = product === 'Platform' ? u[use.features_total] : 10;
        const used =
          product === 'Platform'
            ? u[use.features_used]
            : Math.min(10, Math.round(Number(u[use.features_used] ?? 0) / 2));
        tables.product_usage.rows.push([
          id,
          u[use.date],
          product,
          scaled(u[use.dau]),
          scaled(u[use.wau]),
          scaled(u[use.mau], users),
          scaled(u[use.seats_active], users),
          scaled(u[use.core_actions]),
          used,
          total,
        ]);
      }
  });
}

/**
 * The playbook's edge cases on the demo portfolio, added after it is generated so that no other
 * row changes: a customer that was acquired, one that acquired a company, a champion carrying the
 * relationship alone for months, and roadmap items — one shipped that five accounts asked for, one
 * in progress. Each picks its accounts by a rule over the generated rows (named in its comment),
 * so the cases stay put when the portfolio's size or seed changes. Pure: no I/O, no clock.
 */
export function addPlaybookCases(tables: DemoTables, asOf: string, vocab: DemoVocabulary): void {
  const reader = caseReader(tables, asOf, vocab);
  acquisitionCases(reader);
  const burnt = championBurnout(reader, tables, asOf);
  roadmapCases(reader, tables, vocab, burnt);
  multiProductCases(reader, tables, asOf, burnt);
}
