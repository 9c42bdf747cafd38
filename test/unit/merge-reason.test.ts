import { describe, expect, it } from 'vitest';
import { parseSuggestionValue } from '../../bot/feedback-actions.ts';
import { duplicateNoticeMessage, feedbackNoticeMessage } from '../../bot/render/feedback-notice.ts';
import type { FeedbackNotice } from '../../store/repositories/feedback-notices.ts';
import { duplicateSuggestions } from '../../tools/feedback/duplicate-suggestions.ts';
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
  merge_reason: null,
  sla_due_at: null,
  score: null,
  nps_category: null,
  slack: null,
  duplicates: 1,
  accounts: 2,
  mrr_cents: null,
  has_revenue: false,
  declared_arr_cents: null,
  suggestions: [],
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

describe('possible duplicates below the auto-merge threshold', () => {
  const neighbours = [
    { feedbackId: 'F7', canonicalId: 'F1', similarity: 0.52, probability: 0.3 },
    { feedbackId: 'F1', canonicalId: null, similarity: 0.61, probability: 0.4 },
    { feedbackId: 'F3', canonicalId: null, similarity: 0.48, probability: 0.45 },
    { feedbackId: 'F4', canonicalId: null, similarity: 0.44, probability: 0.08 },
    { feedbackId: 'F6', canonicalId: null, similarity: 0.43, probability: 0.08 },
    { feedbackId: 'F5', canonicalId: null, similarity: 0.2, probability: 0.01 },
  ];
  const rule = {
    suggestFrom: 0.02,
    limit: 3,
    subjects: (n: { feedbackId: string }) => (n.feedbackId === 'F1' ? ['export'] : []),
  };

  it('suggests up to three requests, one per request, most probable first (ties by similarity), none below suggest_from', () => {
    expect(duplicateSuggestions(neighbours, rule)).toEqual([
      { candidateId: 'F3', similarity: 0.48, probability: 0.45, sharedSubjects: [] },
      { candidateId: 'F1', similarity: 0.61, probability: 0.4, sharedSubjects: ['export'] },
      { candidateId: 'F4', similarity: 0.44, probability: 0.08, sharedSubjects: [] },
    ]);
    expect(duplicateSuggestions(neighbours, { ...rule, limit: 5 }).map((s) => s.candidateId)).toEqual([
      'F3',
      'F1',
      'F4',
      'F6',
    ]);
  });

  it('never suggests a request a person already decided on for the item', () => {
    expect(duplicateSuggestions(neighbours, rule, new Set(['F1', 'F4'])).map((s) => s.candidateId)).toEqual([
      'F3',
      'F6',
    ]);
  });

  it('shows each suggestion with its reason and Merge / Not a duplicate buttons, the text escaped', () => {
    const message = feedbackNoticeMessage({
      ...notice(0.5, []),
      canonical_id: null,
      suggestions: [
        {
          feedback_id: 'F2',
          candidate_id: 'F1',
          similarity: 0.71,
          probability: 0.64,
          shared_subjects: ['export'],
          decision: 'suggested',
          rank: 1,
          judge_reason: null,
          candidate_text: 'CSV export <!channel> times out',
          candidate_theme: 'performance',
        },
      ],
    });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain(
      'Possible duplicate of `F1` (64 % likely the same request; similarity 0.71, same subject: export)',
    );
    expect(json).toContain('CSV export &lt;!channel&gt; times out');
    expect(json).not.toContain('<!channel>');
    const actions = message.blocks.filter(
      (b) => (b as { block_id?: string }).block_id === 'duplicate_suggestion_1',
    );
    expect(actions).toHaveLength(1);
    const values = (actions[0] as { elements: { action_id: string; value: string }[] }).elements.map((e) => [
      e.action_id,
      e.value,
    ]);
    expect(values).toEqual([
      ['fb_merge_suggested', 'F2|F1'],
      ['fb_not_duplicate_suggested', 'F2|F1'],
    ]);
  });

  it('reads a button value as exactly one item and one candidate', () => {
    expect(parseSuggestionValue('F2|F1')).toEqual({ feedback_id: 'F2', candidate_id: 'F1' });
    expect(parseSuggestionValue('F2|F1|X')).toBeNull();
    expect(parseSuggestionValue('F2')).toBeNull();
    expect(parseSuggestionValue(undefined)).toBeNull();
  });

  it("routes a promoter's notice to the advocacy ask (the NPS action framework), and only a promoter's", () => {
    const blocks = (category: string | null, score: number | null) =>
      JSON.stringify(feedbackNoticeMessage({ ...notice(0.9, []), score, nps_category: category }).blocks);
    const promoter = blocks('promoter', 10);
    expect(promoter).toContain(
      '*Promoter (10):* thank them, then ask for a review, a reference or a case study.',
    );
    expect(promoter).toContain(
      `cse run draft_email --kind advocacy_ask --account ${notice(0.9, []).account_id}`,
    );
    expect(blocks('passive', 8)).not.toContain('advocacy_ask');
    expect(blocks(null, null)).not.toContain('advocacy_ask');
  });
});
