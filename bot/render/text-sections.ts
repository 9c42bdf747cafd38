import { type Block, escapeMrkdwn, SLACK_LIMITS, section } from './slack-limits.ts';

/** Room for the code fences and a little slack inside one section's 3,000 characters. */
const CHUNK = SLACK_LIMITS.sectionText - 20;

const isTable = (lines: readonly string[]) => lines.some((l) => /^[─\s]+$/.test(l) && l.includes('─'));

/** Splits text into paragraphs at blank lines. */
export function paragraphs(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Lines in chunks of at most `max` characters, cut only between lines. A table keeps its
 * heading (the title row and the rule under it) at the top of every chunk, so a long table stays
 * legible across sections and pages instead of being cut mid-row.
 */
export function chunkLines(lines: readonly string[], max: number): string[][] {
  const ruleAt = lines.findIndex((l) => /^[─\s]+$/.test(l) && l.includes('─'));
  const heading = ruleAt > 0 ? lines.slice(0, ruleAt + 1) : [];
  const body = ruleAt > 0 ? lines.slice(ruleAt + 1) : lines;
  const size = (ls: readonly string[]) => ls.reduce((n, l) => n + l.length + 1, 0);
  const chunks: string[][] = [];
  let current = [...heading];
  for (const raw of body) {
    const line = raw.length > max - size(heading) ? `${raw.slice(0, max - size(heading) - 2)}…` : raw;
    if (current.length > heading.length && size(current) + line.length + 1 > max) {
      chunks.push(current);
      current = [...heading];
    }
    current.push(line);
  }
  if (current.length > heading.length || chunks.length === 0) chunks.push(current);
  return chunks;
}

/**
 * Terminal text as Block Kit sections: tables (lines ruled with ─) as aligned code blocks, other
 * paragraphs as text; every section within Slack's 3,000 characters.
 */
export function textSections(text: string): Block[] {
  const blocks: Block[] = [];
  for (const para of paragraphs(text)) {
    const table = isTable(para);
    for (const chunk of chunkLines(para.map(escapeMrkdwn), CHUNK)) {
      const body = chunk.join('\n');
      blocks.push(section(table ? `\`\`\`${body}\`\`\`` : body));
    }
  }
  return blocks;
}
