/**
 * Health snapshots saved by the daily run, and CSMs' disagreements with a score.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export { recordDisagreement } from '../store/repositories/health-disagreements.ts';
export { saveHealthSnapshots } from '../store/repositories/health-snapshots.ts';
