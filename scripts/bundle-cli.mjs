// Bundles the compiled CLI (dist/cli/main.js, from tsc) into dist/cli-bundle/: our ~220 modules
// become a few files, which Node loads in a fraction of the time. Dependencies stay in
// node_modules. Each sub-command's work remains a separate chunk, loaded only when it runs.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/main.js'],
  outdir: 'dist/cli-bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
