/**
 * What the HubSpot sync records: companies, contacts, deals and renewal terms.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export {
  crmDealsFor,
  setRenewalTerms,
  upsertCrmAccounts,
  upsertCrmContacts,
  upsertCrmDeals,
  userIdsByEmail,
} from '../store/repositories/crm.ts';
