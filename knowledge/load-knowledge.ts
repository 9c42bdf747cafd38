import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { CseError, ErrorCode } from '../core/errors.ts';
import { packagePath } from '../core/package-root.ts';

/**
 * Loads one JSON file from knowledge/ and validates it. A bad key or value is a start-up error
 * naming the file and the path inside it.
 */
export function loadKnowledge<S extends z.ZodType>(relativePath: string, schema: S): z.output<S> {
  const path = packagePath('knowledge', relativePath);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CseError(
      ErrorCode.ConfigInvalid,
      `knowledge/${relativePath} cannot be read: ${(error as Error).message}`,
      {
        hint: 'Restore the file from the repository or fix its JSON',
      },
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CseError(
      ErrorCode.ConfigInvalid,
      `knowledge/${relativePath}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'is invalid'}`,
      {
        hint: 'Fix the value named above; the file is data the bot validates at start-up',
      },
    );
  }
  return parsed.data;
}
