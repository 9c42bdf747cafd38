/**
 * Success-plan goals saved.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export { insertGoals } from '../store/repositories/goals.ts';
