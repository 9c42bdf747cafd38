import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/registry.ts';
import { IMPORT_KINDS } from '../../store/import/kinds.ts';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('documentation stays in step with the code', () => {
  it('documents every import kind and column in docs/data-model.md', () => {
    const doc = read('docs/data-model.md');
    for (const kind of IMPORT_KINDS) {
      const section = doc.split(`## \`${kind.kind}\``)[1]?.split('\n## ')[0];
      expect(section, `section for ${kind.kind}`).toBeDefined();
      for (const column of kind.columns) {
        const name = column.required ? `\\*\\*${column.name}\\*\\*` : column.name;
        expect(section, `${kind.kind}.${column.name}`).toMatch(new RegExp(`\\|\\s*${name}\\s*\\|`));
      }
    }
  });

  it('starts the README with the two set-up commands and lists every command', () => {
    const readme = read('README.md');
    const firstBlock = readme.split('```sh\n')[1]?.split('```')[0] ?? '';
    expect(
      firstBlock
        .trim()
        .split('\n')
        .map((l) => l.split('#')[0]?.trim()),
    ).toEqual(['npm install && npx cse start', 'npm install && npm test']);
    for (const command of COMMANDS) expect(readme).toContain(`\`${command.intent}\``);
  });

  it('names in cse run --help every intent that no question reaches (buttons, modals, the scheduler)', () => {
    const help = read('cli/commands/run.ts');
    for (const command of COMMANDS.filter((c) => c.examples.length === 0))
      expect(help, command.intent).toMatch(new RegExp(`\\b${command.intent}\\b`));
  });

  it('runs exactly the README test command in .ci/run', () => {
    expect(read('.ci/run')).toContain("bash -c 'npm install && npm test'");
  });
});
