/**
 * An account's contacts and the people named in them.
 *
 * Answers, jobs and Slack surfaces reach the store through facts/ (DESIGN §14), never through
 * store/repositories: the rule a figure follows lives beside its query, in one place.
 */
export { contactFactsFor, contactsForAccount, personNames } from '../store/repositories/contacts.ts';
