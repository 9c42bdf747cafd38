/**
 * What the Zendesk sync records: tickets upserted and deleted.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export { deleteTickets, upsertTickets } from '../store/repositories/tickets.ts';
