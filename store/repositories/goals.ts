import type { GoalRow } from '../../tools/plans/goal-scorecard.ts';
import type { Db, Queryable } from '../db.ts';
import { rowsForAccount } from './account-rows.ts';

export interface Goal extends GoalRow {
  account_id: string;
  attributes: Record<string, unknown>;
}

export const goalsForAccount = (db: Queryable, accountId: string) =>
  rowsForAccount<Goal>(db, 'goals', accountId);

export type NewGoal = Omit<Goal, 'attributes'> & { attributes?: Record<string, unknown> };

/** Writes goals in one transaction; a goal id already stored is left as it is. Returns how many were new. */
export async function insertGoals(db: Db, goals: readonly NewGoal[]): Promise<number> {
  return db.transaction(async (tx) => {
    let inserted = 0;
    for (const g of goals) {
      const rows = await tx.query(
        `INSERT INTO goals (goal_id, account_id, objective, metric, baseline, target, due, status, attributes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (goal_id) DO NOTHING RETURNING goal_id`,
        [
          g.goal_id,
          g.account_id,
          g.objective,
          g.metric,
          g.baseline,
          g.target,
          g.due,
          g.status,
          g.attributes ?? {},
        ],
      );
      inserted += rows.length;
    }
    return inserted;
  });
}
