import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

/** What a command touches: the unit the role rules grant (knowledge/access/roles.json). */
export const ACCESS_AREAS = [
  'account_health',
  'book_reports',
  'account_feedback',
  'feedback_queue',
  'help',
  'audit',
  'product_usage',
] as const;
export const AccessArea = z.enum(ACCESS_AREAS);
export type AccessArea = z.infer<typeof AccessArea>;

/** Team roles (users.role) and the feedback API's token. */
export const ACCESS_ROLES = ['admin', 'leader', 'csm', 'support', 'api'] as const;
export const AccessRole = z.enum(ACCESS_ROLES);
export type AccessRole = z.infer<typeof AccessRole>;

const RoleRule = z
  .object({
    /** How the role is named in a refusal ("as support you can …"). */
    title: z.string().min(1),
    /** What the role may do, in words, for a refusal ("support can log feedback …"). */
    can: z.string().min(1),
    read: z.array(AccessArea),
    write: z.array(AccessArea),
    /** `portfolio`: every account; `own_book`: the accounts whose csm is the user (DESIGN §10). */
    reach: z.enum(['portfolio', 'own_book']),
  })
  .strict();
export type RoleRule = z.infer<typeof RoleRule>;

/** Who may see and change what (DESIGN §10), as data. */
export const AccessPolicy = z
  .object({
    version: z.string().min(1),
    /** `team` lets own-book roles read (not change) the accounts of their team. */
    visibility: z.enum(['own_book', 'team']),
    areas: z.record(AccessArea, z.string().min(1)),
    roles: z.record(AccessRole, RoleRule),
    /** Who to ask when a role may not use an area. */
    ask_instead: z.record(AccessArea, z.string().min(1)),
  })
  .strict();
export type AccessPolicy = z.infer<typeof AccessPolicy>;

let cached: AccessPolicy | undefined;
export function accessPolicy(): AccessPolicy {
  cached ??= loadKnowledge('access/roles.json', AccessPolicy);
  return cached;
}
