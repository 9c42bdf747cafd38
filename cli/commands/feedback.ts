import type { RegisterCommand } from './register.ts';

const actions = () => import('../actions/feedback.ts');

export const registerFeedback: RegisterCommand = (program, globals) => {
  const feedback = program
    .command('feedback')
    .description(
      'the feedback loop: export, unmerge, link to the roadmap, roadmap status, calibrate, reembed, process',
    );
  feedback
    .command('export')
    .description(
      'one JSON object per line for every item: feedback_id, account_id, canonical_id, similarity, merge_probability, merged_on, suggestions (possible duplicates with their probability), theme, themes, owner, status, sla_due_at (dead items carry last_error)',
    )
    .option('--json', 'JSON Lines (the default and only format)')
    .action(async () => (await actions()).exportFeedback(globals()));
  feedback
    .command('unmerge')
    .description(
      'separate a feedback item from the request it was merged into (it is never merged into it again)',
    )
    .argument('<feedback_id>', 'the duplicate item')
    .option('--as <user>', 'act as this team member (user id, email or Slack id)')
    .action(async (id: string, options: { as?: string }) =>
      (await actions()).unmerge(globals(), id, options),
    );
  feedback
    .command('link')
    .description(
      'link a request (and every item merged into it) to a roadmap item, creating the item when new; a status change is posted to its owner channel',
    )
    .argument('<feedback_id>', 'the request (not an item merged into one)')
    .requiredOption('--roadmap <key>', 'the roadmap item, e.g. SSO-12')
    .option(
      '--status <status>',
      'under_review, planned, in_progress or shipped (new items start under_review)',
    )
    .option('--title <title>', "the roadmap item's title (new items default to the request's words)")
    .option('--as <user>', 'act as this team member (user id, email or Slack id)')
    .option('--json', 'print the answer as JSON')
    .action(
      async (
        id: string,
        options: { roadmap: string; status?: string; title?: string; as?: string; json?: boolean },
      ) => (await actions()).linkToRoadmap(globals(), id, options),
    );
  feedback
    .command('roadmap')
    .description(
      "set a roadmap item's status (under_review → planned → in_progress → shipped); shipping lists every account that asked with its release email",
    )
    .argument('<key>', 'the roadmap item, e.g. SSO-12')
    .requiredOption('--status <status>', 'under_review, planned, in_progress or shipped')
    .option('--as <user>', 'act as this team member (user id, email or Slack id)')
    .option('--json', 'print the answer as JSON')
    .action(async (key: string, options: { status: string; as?: string; json?: boolean }) =>
      (await actions()).setRoadmapStatus(globals(), key, options),
    );
  feedback
    .command('calibrate')
    .description(
      "precision and recall of the auto-merge threshold on the team's decided pairs (Merge / Not a duplicate), before and after recalibrating it for precision ≥ 95 %",
    )
    .option('--accept', 'use the recalibrated threshold for this team (audited)')
    .action(async (options: { accept?: boolean }) => (await actions()).calibrate(globals(), options));
  feedback
    .command('reembed')
    .description(
      're-embed items whose vectors came from another embedding model (after changing OPENAI_EMBEDDING_MODEL or the synonym table); cse worker does this when it starts',
    )
    .action(async () => (await actions()).reembed(globals()));
  feedback
    .command('process')
    .description(
      'process every item that waits (after a crash, or to re-drive dead letters use --retry-dead)',
    )
    .option('--retry-dead', 'give dead items another try')
    .action(async (options: { retryDead?: boolean }) => (await actions()).processWaiting(globals(), options));
};
