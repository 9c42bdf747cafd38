/**
 * The window every usage fact is read over (DESIGN §14): stickiness (DAU/MAU), feature breadth,
 * the engagement level and the usage trend all look at the 28 days ending on the day, and the
 * trend compares them with the 28 days before.
 */
export const USAGE_WINDOW_DAYS = 28;
