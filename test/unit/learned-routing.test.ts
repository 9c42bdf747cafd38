import { describe, expect, it } from 'vitest';
import { learnedOwner, themeForOwner } from '../../tools/feedback/learned-routing.ts';

const rule = { from: 0.5, minShare: 0.6 };

describe('routing that learns from corrections', () => {
  it('takes the owner people gave the nearest corrected items, by a vote weighted by similarity', () => {
    expect(
      learnedOwner(
        [
          { feedbackId: 'F1', owner: 'sales', similarity: 0.8 },
          { feedbackId: 'F2', owner: 'product', similarity: 0.55 },
          { feedbackId: 'F3', owner: 'sales', similarity: 0.62 },
          { feedbackId: 'F4', owner: 'product', similarity: 0.3 },
        ],
        rule,
      ),
    ).toEqual({ owner: 'sales', share: 0.721, examples: ['F1', 'F3'] });
  });

  it('decides nothing when no corrected item is close enough, or the vote is split', () => {
    expect(learnedOwner([{ feedbackId: 'F1', owner: 'sales', similarity: 0.49 }], rule)).toBeNull();
    expect(
      learnedOwner(
        [
          { feedbackId: 'F1', owner: 'sales', similarity: 0.7 },
          { feedbackId: 'F2', owner: 'product', similarity: 0.65 },
        ],
        rule,
      ),
    ).toBeNull();
  });

  it("keeps theme and owner together: the classifier's most likely theme that owner owns", () => {
    const ownerOf = (t: string) => (t === 'billing_pricing' ? 'sales' : t === 'bug' ? 'support' : 'product');
    expect(themeForOwner(['bug', 'feature_request', 'billing_pricing'], 'sales', ownerOf as never)).toBe(
      'billing_pricing',
    );
    expect(themeForOwner(['bug'], 'sales', ownerOf as never)).toBeNull();
  });
});
