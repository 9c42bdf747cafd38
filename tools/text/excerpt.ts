/** The first `max` characters of a customer's words, with an ellipsis when cut. */
export const excerpt = (text: string, max = 140): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;
