/**
 * The layering, checked by `npm test` (npm run layers). Arrows point the way imports may go:
 *
 *   bin → cli → bot → commands → jobs → facts, records → store/repositories → core
 *                        ↓   ↘     ↓        ↓
 *                      render  llm  →  tools → knowledge → core
 *
 * Transports (cli, bot) call commands; commands use jobs (to enqueue work), llm and render, and
 * reach the store only through facts/ (business facts, each with its one rule from tools/) and
 * records/ (what commands and jobs write and read back: alerts, sends, syncs, the audit log).
 * commands, jobs and bot never import store/repositories, not even a type. Tools use only core
 * and knowledge; knowledge only core; the store only core. Other type-only imports are free (they
 * vanish from the JavaScript): a repository may return a tool's input type, a renderer may name
 * its command's data type. Runtime imports against the arrows fail.
 */
const runtime = { dependencyTypesNot: ['type-only'] };
const layer = (name, from, forbidden, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from, pathNot: '\\.test\\.ts$' },
  to: { path: forbidden, ...runtime },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No module imports itself through others (type-only imports aside).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    layer(
      'core-is-the-floor',
      '^core/',
      '^(bin|cli|bot|commands|jobs|facts|records|render|llm|prompts|tools|knowledge|store|bench|eval|test|scripts)/',
      'core imports nothing of ours',
    ),
    layer(
      'store-uses-core-only',
      '^store/',
      '^(bin|cli|bot|commands|jobs|facts|records|render|llm|prompts|tools|knowledge|demo|bench|eval|test|scripts)/',
      'the store reads and writes rows; it knows only core',
    ),
    layer(
      'tools-are-pure',
      '^tools/',
      '^(bin|cli|bot|commands|jobs|facts|records|render|llm|prompts|store|demo|bench|eval|test|scripts)/',
      'tools compute from their inputs: core and knowledge only',
    ),
    layer(
      'knowledge-is-data',
      '^knowledge/',
      '^(bin|cli|bot|commands|jobs|facts|records|render|llm|prompts|tools|store|demo|bench|eval|test|scripts)/',
      'knowledge loads and checks the playbook data; what is computed from it is in tools/',
    ),
    layer(
      'render-is-text',
      '^render/',
      '^(bin|cli|bot|commands|jobs|llm|store|demo|bench|eval|test)/',
      'text helpers: no store, no commands at run time',
    ),
    layer(
      'llm-is-a-gateway',
      '^(llm|prompts)/',
      '^(bin|cli|bot|commands|jobs|store|demo|bench|eval|test)/',
      'the model gateway and prompts know nothing of commands or the store',
    ),
    layer(
      'facts-and-records-above-the-store',
      '^(facts|records)/',
      '^(bin|cli|bot|commands|jobs|render|llm|prompts|demo|bench|eval|test|scripts)/',
      'facts read the store and apply the rules in tools/; records write it; neither knows who asks',
    ),
    {
      name: 'the-store-through-facts',
      comment:
        'commands, jobs and Slack surfaces read facts/ and write records/, never store/repositories (not even a type): one fact, one rule (DESIGN §14)',
      severity: 'error',
      from: { path: '^(commands|jobs|bot)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^store/repositories/' },
    },
    layer(
      'jobs-below-commands',
      '^jobs/',
      '^(bin|cli|bot|commands|demo|bench|eval|test)/',
      'jobs run tools over the store; transports hand them what they need',
    ),
    layer(
      'commands-below-transports',
      '^commands/',
      '^(bin|cli|bot|demo|bench|eval|test)/',
      'commands return data; transports show it',
    ),
    layer(
      'bot-below-cli',
      '^bot/',
      '^(bin|cli|bench|eval|test)/',
      'the Slack app does not reach into the CLI',
    ),
    layer(
      'demo-is-a-loader',
      '^demo/',
      '^(bin|cli|bot|commands|jobs|render|llm|prompts|bench|eval|test)/',
      'the demo generator writes through the store like an import',
    ),
    layer(
      'cli-loads-bench-lazily',
      '^cli/(?!actions/bench\\.ts$)',
      '^(bench|eval|test)/',
      'only cse bench loads the benchmarks',
    ),
    {
      name: 'commands-meet-through-the-router',
      comment:
        "No command imports another command's folder: commands compose through the router (ctx.compose) and share facts/ (the parser in commands/parse is everyone's)",
      severity: 'error',
      from: { path: '^commands/([^/]+)/' },
      to: { path: '^commands/[^/]+/', pathNot: ['^commands/$1/', '^commands/parse/'] },
    },
    layer('bench-apart-from-eval', '^bench/', '^(eval|test)/', 'benchmarks and evaluations stand apart'),
    layer('eval-apart-from-bench', '^eval/', '^(bench|test)/', 'benchmarks and evaluations stand apart'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
