/**
 * The figures a text states: money amounts, percentages, dates and plain numbers, as written
 * ("$12,400", "38%", "2026-12-14", "4"). What a grounding check compares against the facts.
 */
const FIGURE =
  /(?:[$€£]\s?\d[\d,]*(?:\.\d+)?\s?[kKmM]?)|(?:\d{4}-\d{2}(?:-\d{2})?)|(?:\d[\d,]*(?:\.\d+)?\s?%)|(?:\d[\d,]*(?:\.\d+)?)/g;

/** A figure reduced to compare equal however it was spaced: "$12,400" and "$12400" match. */
export function normaliseFigure(figure: string): string {
  return figure.replace(/[\s,]/g, '').replace(/\.0+(?=%|$|[kKmM])/, '');
}

export function figuresIn(text: string): string[] {
  return [...text.matchAll(FIGURE)].map((m) => normaliseFigure(m[0]));
}

/** Figures in `text` that appear nowhere in `facts` (any string or number inside it). */
export function ungroundedFigures(text: string, facts: unknown): string[] {
  const known = new Set(figuresIn(JSON.stringify(facts)));
  // A number that is only part of a known figure ("12,400" inside "$12,400") is grounded too.
  for (const f of [...known]) {
    const bare = f.replace(/^[$€£]/, '').replace(/%$/, '');
    known.add(bare);
  }
  return [...new Set(figuresIn(text).filter((f) => !known.has(f) && !known.has(f.replace(/^[$€£]/, ''))))];
}
