#!/usr/bin/env node
// Runs the JavaScript that `npm install` (the prepare script) or `npm run build` compiles into dist/.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('cse is not built yet: run `npm run build` (npm install does it) and try again.');
  process.exit(1);
}
await import(main.href);
