import { z } from 'zod';
import { addDays } from '../../core/calendar.ts';
import { listedAccountsOn } from '../../facts/account-list.ts';
import { healthPointsOn } from '../../facts/portfolio.ts';
import { healthMovers } from '../../tools/portfolio/tier-movers.ts';
import { BookScopeFields, bookFilter, bookScopeData, resolveBook } from '../book-scope.ts';
import { MoversData, renderMovers } from '../movers-shape.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';

/** A score move this size or more counts even without a tier change. */
export const MIN_SCORE_MOVE = 5;

export const movers = defineCommand({
  intent: 'movers',
  title: 'What changed',
  summary: `Accounts whose tier changed or score moved ${MIN_SCORE_MOVE}+ points over the last days (7 by default), biggest drops first, with the dimensions that moved`,
  examples: ['what changed this week?', 'movers in my book', 'who dropped a tier this month'],
  triggers: {
    kind: 'book',
    patterns: strong(
      /\bwhat (?:has )?changed\b/,
      /\bmovers\b/,
      /\b(?:what|which accounts|who) moved\b/,
      /\b(?:dropped|fell|slipped|improved|jumped|rose|moved up|moved down) (?:a |in |by a )?tiers?\b/,
      /\b(?:score|health) (?:changes|changed|movements?|moves)\b/,
      /\bwhose health changed\b/,
    ),
  },
  render: renderMovers,
  account: 'none',
  access: { area: 'book_reports', write: false, target: 'book' },
  args: z.object({ ...BookScopeFields, days: z.coerce.number().int().min(1).max(365).default(7) }).strict(),
  result: MoversData,
  async run(ctx, args) {
    const book = await resolveBook(ctx, args);
    const since = addDays(ctx.today, -args.days);
    // The book's active accounts, with nothing beyond their own row read.
    const { accounts } = await listedAccountsOn(ctx.db, ctx.today, bookFilter(book), new Set());
    const ids = accounts.map((a) => a.accountId);
    const names = new Map(accounts.map((a) => [a.accountId, a.name]));
    const [now, before] = await Promise.all([
      healthPointsOn(ctx.db, ctx.today, ids),
      healthPointsOn(ctx.db, since, ids),
    ]);
    const moved = healthMovers(before, now, MIN_SCORE_MOVE);
    return {
      data: {
        as_of: ctx.today,
        since,
        days: args.days,
        scope: bookScopeData(book),
        min_score_move: MIN_SCORE_MOVE,
        movers: moved.map((m) => ({
          account_id: m.accountId,
          name: names.get(m.accountId) ?? m.accountId,
          from_tier: m.from,
          to_tier: m.to,
          score_from: m.scoreFrom,
          score_to: m.scoreTo,
          score_change: m.scoreChange,
          direction: m.direction,
          why: m.why,
        })),
      },
      asOf: ctx.today,
      definitions: {
        movers: `active accounts whose latest snapshot on ${ctx.today} differs from the latest on or before ${since} by a tier, or by ${MIN_SCORE_MOVE}+ points`,
      },
    };
  },
});
