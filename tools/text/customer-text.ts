import { EMAIL_ADDRESS, LINK, SPELLED_EMAIL_ADDRESS, trimLink } from './links.ts';

/**
 * A customer's words as an email may quote them: what they said stays, but no link, domain or
 * email address they wrote goes out in our name (a quoted phishing link is still a link we sent).
 * Pure.
 */
export function defangCustomerText(text: string): string {
  return text
    .replace(EMAIL_ADDRESS, '[email removed]')
    .replace(SPELLED_EMAIL_ADDRESS, '[email removed]')
    .replace(LINK, (link) => {
      const kept = trimLink(link);
      return `[link removed]${link.slice(kept.length)}`;
    });
}
