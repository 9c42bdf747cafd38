/**
 * Customer text inside a prompt's data block, escaped so that nothing in it can close the block
 * or open another: `&`, `<` and `>` become entities, whatever the case or nesting of a tag the
 * text tries (`</FEEDBACK>`, `</fee</feedback>dback>`). The prompts say the block is data. Pure.
 */
export function escapeData(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
