/**
 * Why an item joined its request, in words: "similarity 0.62", or below the threshold
 * "similarity 0.41, same subject: dashboard". Pure.
 */
export function mergeReason(similarity: number | null, mergedOn: readonly string[]): string {
  const base = `similarity ${similarity === null ? '—' : Number(similarity)}`;
  return mergedOn.length > 0 ? `${base}, same subject: ${mergedOn.join(', ')}` : base;
}
