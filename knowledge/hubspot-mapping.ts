import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

const Property = z.string().min(1);
const Role = z.enum(['champion', 'exec_sponsor', 'technical_lead', 'admin', 'user']);

/**
 * How HubSpot records become accounts, contacts and renewals (knowledge/connectors/hubspot.json):
 * which property holds the account id, the segment, the CSM (an owner), a contact's role, and
 * which deals are renewals. Team configuration kept as data; versioned and echoed by the sync.
 */
export const HubspotMapping = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    company: z
      .object({
        modified_property: Property,
        account_id_property: Property.nullable(),
        name_property: Property,
        domain_property: Property,
        industry_property: Property.nullable(),
        segment_property: Property.nullable(),
        segment_values: z.record(z.string(), z.enum(['enterprise', 'mid-market', 'smb', 'self-serve'])),
        csm_owner_property: Property.nullable(),
        plan_property: Property.nullable(),
      })
      .strict(),
    contact: z
      .object({
        modified_property: Property,
        title_property: Property.nullable(),
        last_engaged_property: Property.nullable(),
        role_property: Property.nullable(),
        role_values: z.record(z.string(), Role),
        role_labels: z.record(z.string(), Role),
      })
      .strict(),
    deal: z
      .object({
        modified_property: Property,
        renewal_pipelines: z.array(z.string()),
        renewal_deal_types: z.array(z.string()),
        close_date_property: Property,
        amount_property: Property,
        amount_is: z.enum(['annual', 'monthly']),
        won_stages: z.array(z.string()).min(1),
        lost_stages: z.array(z.string()),
      })
      .strict(),
  })
  .strict();
export type HubspotMapping = z.infer<typeof HubspotMapping>;

let cached: HubspotMapping | undefined;
export function hubspotMapping(): HubspotMapping {
  cached ??= loadKnowledge('connectors/hubspot.json', HubspotMapping);
  return cached;
}

/** The properties a search asks for: every mapped one, and the modified-date that orders the sync. */
export function hubspotProperties(
  mapping: HubspotMapping,
): Record<'companies' | 'contacts' | 'deals', string[]> {
  const c = mapping.company;
  const p = mapping.contact;
  const d = mapping.deal;
  const present = (xs: (string | null)[]) => xs.filter((x): x is string => x !== null);
  return {
    companies: present([
      c.modified_property,
      c.account_id_property,
      c.name_property,
      c.domain_property,
      c.industry_property,
      c.segment_property,
      c.csm_owner_property,
      c.plan_property,
    ]),
    contacts: present([
      p.modified_property,
      'firstname',
      'lastname',
      'email',
      p.title_property,
      p.last_engaged_property,
      p.role_property,
    ]),
    deals: present([
      d.modified_property,
      'dealname',
      'pipeline',
      'dealstage',
      'dealtype',
      d.close_date_property,
      d.amount_property,
    ]),
  };
}
