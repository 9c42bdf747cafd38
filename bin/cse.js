#!/usr/bin/env node
// Runs the JavaScript that `npm install` (the prepare script) or `npm run build` makes in dist/.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

/** Sub-commands that keep running: the embedded store's WebAssembly may tier up to optimised code. */
const LONG_RUNNING = new Set(['start', 'serve', 'worker', 'chat', 'bench']);

const main = new URL('../dist/cli-bundle/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('cse is not built yet: run `npm run build` (npm install does it) and try again.');
  process.exit(1);
}
// A one-shot command compiles the embedded store's WebAssembly once, quickly (Liftoff), and never
// spends its two cores re-optimising code it will not run again: about a third faster, at two
// thirds of the memory.
const args = process.argv.slice(2);
const sub = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '--data-dir');
if (!LONG_RUNNING.has(sub ?? '')) setFlagsFromString('--liftoff-only');
await import(main.href);
