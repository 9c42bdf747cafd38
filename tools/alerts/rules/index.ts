import type { AlertRuleDeclaration } from '../alert-rule.ts';
import { FINANCIAL_RULES } from './financial.ts';
import { HEALTH_RULES } from './health.ts';
import { INDICATOR_RULES } from './indicators.ts';
import { RELATIONSHIP_RULES } from './relationship.ts';
import { RENEWAL_RULES } from './renewal.ts';
import { VOICE_RULES } from './voice.ts';

/** Every alert rule's declaration, by id: knowledge/alerts/rules.json holds one entry for each. */
export const ALERT_RULE_DECLARATIONS: ReadonlyMap<string, AlertRuleDeclaration> = new Map(
  [
    ...HEALTH_RULES,
    ...INDICATOR_RULES,
    ...RENEWAL_RULES,
    ...RELATIONSHIP_RULES,
    ...FINANCIAL_RULES,
    ...VOICE_RULES,
  ].map((d) => [d.id, d as AlertRuleDeclaration]),
);
