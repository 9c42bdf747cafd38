import { CseError, ErrorCode } from '../../core/errors.ts';
import type { AlertRule, AlertRuleId, AlertRules } from '../../knowledge/alert-rules.ts';
import { signalSettings } from '../../knowledge/customer-signals.ts';
import { engagementLevels } from '../../knowledge/engagement-levels.ts';
import { feedbackLoopSettings } from '../../knowledge/feedback-loop.ts';
import { lifecyclePlaybook } from '../../knowledge/lifecycle-playbook.ts';
import { renewalPlaybook } from '../../knowledge/renewal-playbook.ts';
import { supportTickets } from '../../knowledge/support-tickets.ts';
import type { AlertNeed, AlertRuleDeclaration, RuleContext } from './alert-rule.ts';
import type { AlertCondition, AlertInputs } from './alert-types.ts';
import { ALERT_RULE_DECLARATIONS } from './rules/index.ts';

/** The playbooks and settings the rules read, from knowledge/. */
export const ruleContext = (): RuleContext => ({
  renewal: renewalPlaybook(),
  lifecycle: lifecyclePlaybook(),
  engagement: engagementLevels(),
  nps: feedbackLoopSettings().nps,
  tickets: supportTickets(),
  responseSlaHours: signalSettings().response_sla_hours,
});

const bad = (path: string, problem: string) =>
  new CseError(ErrorCode.ConfigInvalid, `knowledge/alerts/rules.json: ${path} ${problem}`, {
    hint: 'Each entry of rules.json needs its declaration in tools/alerts/rules/ and parameters that declaration accepts',
  });

const checkedParams = new WeakMap<AlertRule, unknown>();

/** A rule's parameters as its declaration reads them (defaults filled in), checked once per loaded rule. */
function paramsOf(declaration: AlertRuleDeclaration, rule: AlertRule): unknown {
  if (checkedParams.has(rule)) return checkedParams.get(rule);
  const parsed = declaration.params.safeParse(rule.params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(
      `rules.${declaration.id}.params${issue?.path.length ? `.${issue.path.join('.')}` : ''}`,
      issue?.message ?? 'is invalid',
    );
  }
  checkedParams.set(rule, parsed.data);
  return parsed.data;
}

/**
 * Checks the rules file against the declarations: every entry has a declaration, every
 * declaration an entry, every inhibition names a rule, and every rule's parameters are ones its
 * declaration accepts. A mismatch is a start-up error naming the key.
 */
export function checkAlertRules(rules: AlertRules): AlertRules {
  for (const [id, rule] of Object.entries(rules.rules)) {
    const declaration = ALERT_RULE_DECLARATIONS.get(id);
    if (!declaration) throw bad(`rules.${id}`, 'has no declaration (tools/alerts/rules/)');
    paramsOf(declaration, rule);
  }
  for (const id of ALERT_RULE_DECLARATIONS.keys())
    if (!(id in rules.rules)) throw bad(`rules`, `has no entry for the declared rule ${id}`);
  for (const [k, i] of rules.inhibitions.entries())
    for (const id of i.mutes)
      if (!(id in rules.rules)) throw bad(`inhibitions.${k}.mutes`, `names an unknown rule ${id}`);
  return rules;
}

/** What the enabled rules read beyond the always-loaded inputs: the daily run loads only these. */
export function alertNeeds(rules: AlertRules): ReadonlySet<AlertNeed> {
  return new Set(
    Object.entries(rules.rules)
      .filter(([, r]) => r.enabled)
      .flatMap(([id]) => ALERT_RULE_DECLARATIONS.get(id)?.needs ?? []),
  );
}

/** Whether a rule applies to the account's stage: onboarding rules in the window, mature ones after. */
const appliesTo = (rule: AlertRule, onboarding: boolean) =>
  rule.applies_to === 'any' || (rule.applies_to === 'onboarding') === onboarding;

/** Which inhibition mutes a rule for this account, if any (Alertmanager-style): its reason. */
export function inhibitedBy(inputs: AlertInputs, rules: AlertRules, rule: AlertRuleId): string | null {
  for (const i of rules.inhibitions)
    if (i.when === 'save_play_open' && inputs.savePlayOpen && i.mutes.includes(rule)) return i.why;
  return null;
}

/**
 * Every alert rule that holds for one account on one day, after the stage filter and the
 * inhibitions. Pure: the same inputs give the same conditions, so a replay equals the live run.
 */
export function alertConditions(
  inputs: AlertInputs,
  rules: AlertRules,
  context: RuleContext = ruleContext(),
): { conditions: AlertCondition[]; muted: number } {
  const conditions: AlertCondition[] = [];
  let muted = 0;
  for (const [id, rule] of Object.entries(rules.rules) as [AlertRuleId, AlertRule][]) {
    if (!rule.enabled || !appliesTo(rule, inputs.onboarding)) continue;
    const declaration = ALERT_RULE_DECLARATIONS.get(id);
    if (!declaration) throw bad(`rules.${id}`, 'has no declaration (tools/alerts/rules/)');
    const hits = declaration.check(inputs, paramsOf(declaration, rule), rule, context);
    if (hits.length === 0) continue;
    if (inhibitedBy(inputs, rules, id)) {
      muted += hits.length;
      continue;
    }
    for (const { severity, ...hit } of hits)
      conditions.push({
        account_id: inputs.account.id,
        rule: id,
        severity: severity ?? rule.severity,
        ...hit,
      });
  }
  return { conditions, muted };
}

/** The rules with only the named ones enabled (all of them when none are named). Pure. */
export function onlyRules(rules: AlertRules, only: readonly string[] | undefined): AlertRules {
  if (!only) return rules;
  return {
    ...rules,
    rules: Object.fromEntries(
      Object.entries(rules.rules).map(([id, r]) => [id, { ...r, enabled: r.enabled && only.includes(id) }]),
    ) as AlertRules['rules'],
  };
}
