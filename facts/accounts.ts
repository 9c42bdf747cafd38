/**
 * The accounts as stored: one account, the names the parser knows, exact-name lookups.
 *
 * Answers, jobs and Slack surfaces reach the store through facts/ (DESIGN §14), never through
 * store/repositories: the rule a figure follows lives beside its query, in one place.
 */
export {
  type Account,
  accountNames,
  accountsNamedExactly,
  getAccount,
} from '../store/repositories/accounts.ts';
