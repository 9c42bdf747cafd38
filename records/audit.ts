/**
 * The audit log: every command's call, appended by the router; read and purged by commands.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export { appendAudit, findAudit, purgeAudit } from '../store/repositories/audit-log.ts';
