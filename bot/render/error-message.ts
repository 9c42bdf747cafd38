import { type CseError, ErrorCode, formatError, toCseError } from '../../core/errors.ts';
import { ACTION, encodeValue, type PickAccountValue } from '../actions.ts';
import {
  actions,
  type ButtonSpec,
  escapeMrkdwn,
  type SlackMessage,
  section,
  textMessage,
} from './slack-limits.ts';

const MAX_CHOICES = 5;

interface AccountChoices {
  names: string[];
  question: { intent: string; args: Record<string, unknown> } | null;
}

function accountChoices(error: CseError): AccountChoices | null {
  if (error.code !== ErrorCode.AccountNotFound && error.code !== ErrorCode.AccountAmbiguous) return null;
  const details = (error.details ?? {}) as {
    suggestions?: string[];
    candidates?: string[];
    question?: AccountChoices['question'];
  };
  const names = (details.candidates ?? details.suggestions ?? []).slice(0, MAX_CHOICES);
  return names.length > 0 ? { names, question: details.question ?? null } : null;
}

/**
 * An error as a Slack message: what went wrong and what to do next (the one formatter), with
 * "Did you mean …" buttons when the account was not found or is ambiguous.
 */
export function errorMessage(error: unknown): SlackMessage {
  const e = toCseError(error);
  const text = formatError(e);
  const choices = accountChoices(e);
  if (!choices?.question) return textMessage(text, ':warning:');
  const question = choices.question;
  const buttons: ButtonSpec[] = choices.names.map((name) => {
    const value: PickAccountValue = { intent: question.intent, args: question.args, account: name };
    return {
      text: `Did you mean ${name}?`,
      actionId: `${ACTION.pickAccount}_${buttonsKey(name)}`,
      value: encodeValue(value),
    };
  });
  return {
    text: escapeMrkdwn(text),
    blocks: [
      section(`:mag: ${escapeMrkdwn(e.message)}. Did you mean one of these?`),
      ...actions(buttons, 'did_you_mean'),
    ],
  };
}

/** Action ids must be unique within a message: one per candidate. */
const buttonsKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40);

/** The answer for someone the bot does not know yet: polite, and how an admin adds them. */
export function unknownUserMessage(slackUserId: string): SlackMessage {
  const text = `I don't know you yet, so I can't tell which accounts are yours. Ask a cs-engine admin to add you to the team: a users file with your Slack id ${slackUserId} (or your work email), loaded with cse import users users.csv.`;
  return textMessage(text, ':wave:');
}
