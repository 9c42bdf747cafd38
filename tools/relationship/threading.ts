import type { ThreadingRule } from '../../knowledge/threading-rule.ts';
import { type ContactFacts, isEngaged, presentContacts } from './contact-present.ts';

/**
 * How an account is threaded on a day, worst first: no contacts on record; contacts but no
 * champion; a champion alone (single-threaded); or multi-threaded by the rule.
 */
export const THREADING_LEVELS = ['no_contacts', 'no_champion', 'single_threaded', 'multi_threaded'] as const;
export type ThreadingLevel = (typeof THREADING_LEVELS)[number];

export interface Threading {
  level: ThreadingLevel;
  /** Contacts still there who engaged within the rule's window up to the day. */
  engaged: number;
  champion: boolean;
  execSponsor: boolean;
  /** In words, for answers: "multi-threaded: champion and exec sponsor, 4 engaged contacts in 90 days". */
  detail: string;
}

const contactsWord = (n: number) => `${n} engaged contact${n === 1 ? '' : 's'}`;

/** The one multi-threading rule (knowledge/relationship/threading.json), on a day. Pure. */
export function threadingOf(contacts: readonly ContactFacts[], day: string, rule: ThreadingRule): Threading {
  const present = presentContacts(contacts, day);
  const engaged = present.filter((c) => isEngaged(c, day, rule.engaged_days)).length;
  const champion = present.some((c) => c.role === 'champion');
  const execSponsor = present.some((c) => c.role === 'exec_sponsor');
  const window = `in ${rule.engaged_days} days`;
  if (contacts.length === 0)
    return { level: 'no_contacts', engaged, champion, execSponsor, detail: 'no contacts on record' };
  if (!champion)
    return {
      level: 'no_champion',
      engaged,
      champion,
      execSponsor,
      detail: `no champion; ${contactsWord(engaged)} ${window}`,
    };
  const multi =
    engaged >= rule.multi_threaded.min_engaged_contacts ||
    (rule.multi_threaded.exec_sponsor_with_champion && execSponsor);
  return multi
    ? {
        level: 'multi_threaded',
        engaged,
        champion,
        execSponsor,
        detail: `multi-threaded: champion${execSponsor ? ' and exec sponsor' : ''}, ${contactsWord(engaged)} ${window}`,
      }
    : {
        level: 'single_threaded',
        engaged,
        champion,
        execSponsor,
        detail: `champion only, ${contactsWord(engaged)} ${window}`,
      };
}
