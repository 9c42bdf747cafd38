/** One input to a dimension: what was measured, when, how it scored, and in words. */
export interface HealthInput {
  name: string;
  value: number | string | null;
  /** 0–10, or null when the input has no data. */
  score: number | null;
  /** The date of the data the value comes from. */
  as_of: string | null;
  detail: string;
}

export interface DimensionScore {
  /** 0–10 (mean of its inputs' scores), or null when none of its inputs has data. */
  score: number | null;
  inputs: HealthInput[];
  reason: string;
}

export const missingInput = (name: string, detail: string): HealthInput => ({
  name,
  value: null,
  score: null,
  as_of: null,
  detail,
});

/** A dimension from its inputs: the mean of the scored ones; the reason lists their details. */
export function dimensionFrom(inputs: HealthInput[], whenMissing: string): DimensionScore {
  const scored = inputs.filter((i) => i.score !== null);
  if (scored.length === 0) return { score: null, inputs, reason: whenMissing };
  const mean = scored.reduce((s, i) => s + (i.score as number), 0) / scored.length;
  return { score: Math.round(mean * 10) / 10, inputs, reason: scored.map((i) => i.detail).join('; ') };
}
