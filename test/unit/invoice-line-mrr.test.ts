import { describe, expect, it } from 'vitest';
import { mrrPolicy } from '../../knowledge/mrr-policy.ts';
import { invoicedMrrAt, lineMonthlyAmount } from '../../tools/billing/invoice-line-mrr.ts';
import { INVOICES } from '../fixtures/stripe/invoice-lines.ts';
import { stripeFixture } from '../helpers/stripe-fixture.ts';

const fixture = stripeFixture();
const policy = mrrPolicy();
const at = (month: '2026-10' | '2026-11') => fixture.month_ends[month] as number;
const bySubscription = (month: '2026-10' | '2026-11') =>
  new Map(invoicedMrrAt(INVOICES, at(month), policy).map((r) => [r.subscriptionId, r.mrrCents]));

describe('past months from invoice lines', () => {
  it("gives every fixture case's October month-end MRR, as computed by hand from its subscription", () => {
    const october = bySubscription('2026-10');
    for (const c of fixture.cases) {
      const id = c.snapshots['2026-10']?.id as string;
      expect(october.get(id) ?? 0, c.case).toBe(c.expected_mrr_cents['2026-10']);
    }
    expect([...october.values()].reduce((s, n) => s + n, 0)).toBe(fixture.expected_totals_cents['2026-10']);
  });

  it('counts a mid-month upgrade at its new quantity from its proration lines, and what ended or paused as nothing', () => {
    const november = bySubscription('2026-11');
    const expected = (sub: string) =>
      fixture.cases.find((c) => c.snapshots['2026-11']?.id === sub)?.expected_mrr_cents['2026-11'];
    for (const sub of ['sub_upgrade', 'sub_trial_paid', 'sub_paused', 'sub_cancel_end'])
      expect(november.get(sub) ?? 0, sub).toBe(expected(sub));
    expect(november.get('sub_upgrade')).toBe(150_000);
    const [record] = invoicedMrrAt(INVOICES, at('2026-11'), policy).filter(
      (r) => r.subscriptionId === 'sub_upgrade',
    );
    expect(record?.lines).toEqual(['il_u11', 'il_u_remaining', 'il_u_unused']);
  });

  it('reads a credited line as minus its price, a discount only when its duration reduces, a $0 line as nothing', () => {
    const base = INVOICES.flatMap((i) => i.lines);
    const find = (id: string) => base.find((l) => l.id === id) ?? (undefined as never);
    expect(lineMonthlyAmount(find('il_u_unused'), policy)).toBe(-100_000);
    expect(lineMonthlyAmount(find('il_f'), policy)).toBe(16_000);
    expect(lineMonthlyAmount(find('il_o'), policy)).toBe(30_000);
    expect(lineMonthlyAmount(find('il_tp0'), policy)).toBe(0);
    expect(lineMonthlyAmount({ ...find('il_o'), subscription: null }, policy)).toBeNull();
    expect(() =>
      invoicedMrrAt(
        [{ id: 'in_x', customer: 'c', status: 'paid', lines: [{ ...find('il_m10'), currency: 'jpy' }] }],
        at('2026-10'),
        policy,
      ),
    ).toThrow('no exchange rate for JPY in knowledge/billing/mrr-policy.json');
  });
});
