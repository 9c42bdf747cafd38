import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../commands/registry.ts';
import { IMPORT_KIND_NAMES } from '../../store/import/kind-names.ts';
import { IMPORT_KINDS } from '../../store/import/kinds.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CODE_DIRS = [
  'bot',
  'cli',
  'commands',
  'jobs',
  'facts',
  'records',
  'tools',
  'render',
  'llm',
  'prompts',
  'knowledge',
  'core',
  'demo',
  'bench',
  'eval',
  'scripts',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

describe('the code keeps its shape', () => {
  it('writes SQL only in store/', () => {
    // A statement in a string, or a call on a database handle.
    const sql =
      /['"`]\s*(?:SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|TRUNCATE|CREATE (?:UNIQUE )?INDEX|DROP INDEX|ANALYZE)\b|\b(?:db|tx)\.(?:query|exec|copyRows)\b/;
    const offenders = CODE_DIRS.flatMap(sourceFiles).filter((f) =>
      sql.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps each command in its own folder, declared once with its triggers and its renderer', () => {
    for (const command of Object.values(REGISTRY)) {
      const folder = command.intent.replaceAll('_', '-');
      const files = readdirSync(join(ROOT, 'commands', folder));
      expect(files).toContain('command.ts');
      expect(typeof command.render).toBe('function');
    }
  });

  it('has no function over 80 lines (bodies, outside tests)', () => {
    const long: string[] = [];
    for (const file of [...CODE_DIRS, 'store'].flatMap(sourceFiles)) {
      const source = ts.createSourceFile(
        file,
        readFileSync(join(ROOT, file), 'utf8'),
        ts.ScriptTarget.Latest,
        true,
      );
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const body = node.body as ts.Node;
          const lines =
            source.getLineAndCharacterOfPosition(body.getEnd()).line -
            source.getLineAndCharacterOfPosition(body.getStart()).line +
            1;
          if (lines > 80)
            long.push(
              `${file}:${source.getLineAndCharacterOfPosition(body.getStart()).line + 1} (${lines} lines)`,
            );
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });

  it('lists the import kinds in help exactly as the importer declares them', () => {
    expect(IMPORT_KINDS.map((k) => k.kind)).toEqual([...IMPORT_KIND_NAMES]);
  });
});
