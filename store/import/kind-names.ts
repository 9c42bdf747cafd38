/**
 * The kinds of file `cse import` loads, in the order docs and help list them. Each has its
 * columns in kinds.ts (typed by this list); this module is plain data so `cse --help` reads it
 * without loading the importer.
 */
export const IMPORT_KIND_NAMES = [
  'accounts',
  'contacts',
  'revenue',
  'usage',
  'tickets',
  'feedback',
  'touchpoints',
  'goals',
  'events',
  'invoices',
  'users',
] as const;
export type ImportKindName = (typeof IMPORT_KIND_NAMES)[number];
