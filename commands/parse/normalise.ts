/**
 * Normalises a chat message for matching: drops Slack mentions (<@U123>, <!here>), the /cs
 * prefix, URLs' angle brackets and punctuation; lower-cases; folds whitespace.
 */
export function normaliseMessage(text: string): string {
  return text
    .replace(/<[@!#][^>]*>/g, ' ')
    .replace(/^\s*\/cs\b/i, ' ')
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}\s'\-./:]/gu, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
