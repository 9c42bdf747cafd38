/**
 * "feedback Acme: the text", "log feedback for Acme: …": a feedback log, the one phrasing whose
 * second half is the customer's words and not a question. Null when the message is not one.
 */
export function feedbackLogIn(text: string): { account: string; text: string } | null {
  const m = /^\s*(?:log\s+)?feedback\s+(?:for\s+|from\s+)?([^:\n]+?)\s*:\s*([\s\S]+)$/i.exec(text);
  if (!m?.[1] || !m[2]?.trim()) return null;
  return { account: m[1].trim(), text: m[2].trim() };
}
