import { describe, expect, it } from 'vitest';
import { duplicateNoticeMessage } from '../../bot/render/feedback-notice.ts';
import type { FeedbackNotice } from '../../store/repositories/feedback-notices.ts';
import { mergeReason } from '../../tools/feedback/merge-reason.ts';

const notice = (similarity: number, merged_on: string[]): FeedbackNotice => ({
  feedback_id: 'F2',
  account_id: 'A2',
  account_name: 'Globex',
  segment: 'smb',
  csm: null,
  text: 'Dashboard load time is terrible in the mornings.',
  theme: 'performance',
  owner: 'support',
  reassigned_to: null,
  status: 'open',
  canonical_id: 'F1',
  similarity,
  merged_on,
  sla_due_at: null,
  score: null,
  nps_category: null,
  slack: null,
  duplicates: 1,
  accounts: 2,
  mrr_cents: null,
  has_revenue: false,
  declared_arr_cents: null,
});

describe('why an item joined its request', () => {
  it('names the similarity, and the shared subject when the judge decided', () => {
    expect(mergeReason(0.62, [])).toBe('similarity 0.62');
    expect(mergeReason(0.41, ['dashboard', 'mornings'])).toBe(
      'similarity 0.41, same subject: dashboard, mornings',
    );
    expect(mergeReason(null, [])).toBe('similarity —');
  });

  it('is what the duplicate notice in the request thread says', () => {
    expect(duplicateNoticeMessage(notice(0.41, ['dashboard'])).text).toBe(
      'Another request like this from Globex (similarity 0.41, same subject: dashboard): Dashboard load time is terrible in the mornings.',
    );
    expect(JSON.stringify(duplicateNoticeMessage(notice(0.7, [])).blocks)).toContain(
      'Same request from *Globex* (similarity 0.7)',
    );
  });
});
