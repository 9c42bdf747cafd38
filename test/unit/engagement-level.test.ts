import { describe, expect, it } from 'vitest';
import { alertDmMessage } from '../../bot/render/alert-message.ts';
import { engagementLevels } from '../../knowledge/engagement-levels.ts';
import type { StoredAlert } from '../../store/repositories/alerts.ts';
import { type EngagementFacts, engagementLevel } from '../../tools/health/engagement-level.ts';

const AS_OF = '2026-11-24';
const config = engagementLevels();
const facts = (over: Partial<EngagementFacts>): EngagementFacts => ({
  hasUsage: true,
  dauMean: 50,
  mauMean: 100,
  featureBreadth: 0.6,
  lastActive: '2026-11-23',
  ...over,
});
const level = (over: Partial<EngagementFacts>) => engagementLevel(facts(over), AS_OF, config)?.level ?? null;

describe('the engagement-to-retention mapping', () => {
  it('takes the first level whose stickiness and breadth minimums both hold', () => {
    expect(level({})).toBe('power_user');
    expect(level({ featureBreadth: 0.59 })).toBe('regular');
    expect(level({ dauMean: 49.9 })).toBe('regular');
    expect(level({ dauMean: 30, featureBreadth: 0.3 })).toBe('regular');
    expect(level({ dauMean: 30, featureBreadth: 0.29 })).toBe('casual');
    expect(level({ dauMean: 10, featureBreadth: null })).toBe('casual');
    expect(level({ dauMean: 9, featureBreadth: 1 })).toBe('dormant');
    expect(level({ dauMean: null, mauMean: null })).toBe('dormant');
  });

  it('calls an account a ghost after 30 days without activity, and gives no level without usage', () => {
    // Active 30 days before: still read by its usage.
    expect(level({ lastActive: '2026-10-25' })).toBe('power_user');
    expect(level({ lastActive: '2026-10-24' })).toBe('ghost');
    expect(level({ lastActive: null })).toBe('ghost');
    expect(level({ hasUsage: false })).toBeNull();
    expect(engagementLevel(facts({ lastActive: '2026-09-01' }), AS_OF, config)).toEqual({
      level: 'ghost',
      label: 'ghost',
      behaviour: 'no activity for 30+ days',
      renewal_odds: '< 20 %',
      action: 'win-back or churn preparation',
      dau_mau: null,
      feature_breadth: null,
      last_active: '2026-09-01',
      from: '2026-10-28',
      to: AS_OF,
      version: 'engagement-1',
    });
  });

  it("states the level's renewal odds and action in an alert DM", () => {
    const alert = {
      alert_id: 'AL-1',
      account_id: 'ACC-1',
      account_name: 'Acme',
      rule: 'usage_drop',
      severity: 'high',
      reason: 'Usage fell',
      evidence: [],
      since: AS_OF,
    } as unknown as StoredAlert;
    const engagement = engagementLevel(facts({ dauMean: 20 }), AS_OF, config);
    const dm = JSON.stringify(alertDmMessage([alert], (r) => r, engagement).blocks);
    expect(dm).toContain(
      'Engagement: *casual* (DAU/MAU 20 %, 2026-10-28 to 2026-11-24) · expected renewal odds 60–80 % · a re-engagement campaign',
    );
    expect(JSON.stringify(alertDmMessage([alert], (r) => r).blocks)).not.toContain('Engagement');
  });
});
