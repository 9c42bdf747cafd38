import type { Registry } from './registry.ts';

/**
 * Intent names (DESIGN §4) are the registry's keys: stable; new ones may be added, none renamed.
 * `unknown` is the router's own answer to a question no command takes.
 */
export type CommandIntent = keyof Registry;
export type IntentName = CommandIntent | 'unknown';
