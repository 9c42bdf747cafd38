import { daysBetween } from '../../core/calendar.ts';
import { plural } from '../text/plural.ts';

export interface QbrChecklistFacts {
  asOf: string;
  latestUsageDate: string | null;
  usageFreshWithinDays: number;
  latestSnapshot: string | null;
  goals: { total: number; overdue: number };
  openP1P2: number;
  champion: string | null;
  execSponsor: string | null;
  lastExecTouch: string | null;
  recommendations: number;
  lastQbr: string | null;
  lastQbrWithinDays: number;
}

export interface ChecklistItem {
  item: string;
  done: boolean;
  /** What in the data makes it done, or what is missing. */
  evidence: string;
}

const within = (date: string | null, asOf: string, days: number) =>
  date !== null && daysBetween(date.slice(0, 10), asOf) <= days;

/** The QBR prep checklist with each item ticked from the data where the data can tell. */
export function qbrChecklist(f: QbrChecklistFacts): ChecklistItem[] {
  return [
    {
      item: 'Pull the 90-day usage report',
      done: within(f.latestUsageDate, f.asOf, f.usageFreshWithinDays),
      evidence: f.latestUsageDate
        ? `usage data up to ${f.latestUsageDate}`
        : 'no usage data: import usage before the meeting',
    },
    {
      item: 'Review the health score and what moved it',
      done: within(f.latestSnapshot, f.asOf, 7),
      evidence: f.latestSnapshot
        ? `last health snapshot ${f.latestSnapshot}`
        : 'no health snapshot stored: run cse score --all',
    },
    {
      item: 'Success-plan goals written down',
      done: f.goals.total > 0,
      evidence:
        f.goals.total > 0
          ? `${plural(f.goals.total, 'goal')} on record`
          : 'no goals: draft a success plan first',
    },
    {
      item: 'Goal statuses up to date (none past due and still open)',
      done: f.goals.total > 0 && f.goals.overdue === 0,
      evidence:
        f.goals.overdue > 0
          ? `${plural(f.goals.overdue, 'goal')} past due and still open`
          : 'no goal past due and open',
    },
    {
      item: 'P1/P2 tickets resolved or with a plan before the meeting',
      done: f.openP1P2 === 0,
      evidence: f.openP1P2 === 0 ? 'no open P1/P2 tickets' : `${plural(f.openP1P2, 'open P1/P2 ticket')}`,
    },
    {
      item: 'Champion confirmed to attend',
      done: f.champion !== null,
      evidence: f.champion ? `champion: ${f.champion}` : 'no champion on record',
    },
    {
      item: 'Exec sponsor invited and engaged in the last 90 days',
      done: f.execSponsor !== null && within(f.lastExecTouch, f.asOf, 90),
      evidence:
        f.execSponsor === null
          ? 'no exec sponsor on record'
          : f.lastExecTouch
            ? `${f.execSponsor}; last exec touch ${f.lastExecTouch.slice(0, 10)}`
            : `${f.execSponsor}; no exec touch on record`,
    },
    {
      item: 'Expansion recommendation sized',
      done: f.recommendations > 0,
      evidence:
        f.recommendations > 0 ? `${f.recommendations} sized below` : 'no expansion signal in the data',
    },
    {
      item: `Previous QBR held within ${f.lastQbrWithinDays} days`,
      done: within(f.lastQbr, f.asOf, f.lastQbrWithinDays),
      evidence: f.lastQbr ? `last QBR ${f.lastQbr.slice(0, 10)}` : 'no QBR on record',
    },
  ];
}
