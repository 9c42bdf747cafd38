/**
 * The scheduler's claimed runs, by job and day.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export { claimRun, finishRun, lastFinishedDay, runFinished } from '../store/repositories/scheduled-runs.ts';
