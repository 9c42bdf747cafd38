import { describe, expect, it } from 'vitest';
import { LABELLED_SETS, loadLabelledFeedback } from '../../eval/feedback-eval.ts';
import { THEME_IDS } from '../../knowledge/feedback-themes.ts';

describe('the labelled feedback sets', () => {
  it.each(LABELLED_SETS)('%s loads every item exactly once, with a known theme', (set) => {
    const items = loadLabelledFeedback(set);
    expect(items.length).toBeGreaterThanOrEqual(35);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.every((i) => (THEME_IDS as readonly string[]).includes(i.theme) && i.text.length > 10)).toBe(
      true,
    );
  });

  it('interleaves a set whose size shares a factor with the usual stride (37 items)', () => {
    const items = loadLabelledFeedback('held-out-5');
    expect(items.length).toBe(37);
    expect(new Set(items.map((i) => i.id)).size).toBe(37);
  });
});
