/**
 * Writes to team members: Slack ids and time zones.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export { linkSlackId, setUserTimeZone } from '../store/repositories/users.ts';
