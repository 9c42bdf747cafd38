/**
 * Product events received and their daily usage roll-up.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export { hasProductEvents, rollupUsageDay, saveProductEvents } from '../store/repositories/product-events.ts';
