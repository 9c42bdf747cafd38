import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLogData } from '../../commands/audit-log/command.ts';
import { operatorActor, teamActor } from '../../commands/context.ts';
import { ask, run } from '../../commands/router.ts';
import { appendAudit } from '../../store/repositories/audit-log.ts';
import { findUser } from '../../store/repositories/users.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';
let store: TestStore;

beforeAll(async () => {
  store = await openDemoStore(AS_OF, 30);
});
afterAll(async () => store.cleanup());

describe('the audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE, on this driver as on the other', async () => {
    await ask(testContext(store.db, AS_OF), 'portfolio review');
    const [row] = await store.db.query<{ id: number }>('SELECT max(id)::int AS id FROM audit_log');
    await expect(
      store.db.query("UPDATE audit_log SET actor = 'someone else' WHERE id = $1", [row?.id]),
    ).rejects.toThrow(/append-only: UPDATE is refused/);
    await expect(store.db.query('DELETE FROM audit_log WHERE id = $1', [row?.id])).rejects.toThrow(
      /append-only: DELETE is refused/,
    );
    await expect(store.db.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE is refused/);
    const [still] = await store.db.query<{ actor: string }>('SELECT actor FROM audit_log WHERE id = $1', [
      row?.id,
    ]);
    expect(still?.actor).toBe('local:test');
  });

  it('records refusals with who asked, their role and what they were told; admins read it, others may not', async () => {
    const csm = await findUser(store.db, 'priya.kim');
    if (!csm) throw new Error('no CSM priya.kim in the demo');
    const asCsm = testContext(store.db, AS_OF, { actor: teamActor(csm), surface: 'chat' });
    await expect(ask(asCsm, 'team portfolio review')).rejects.toMatchObject({ code: 'forbidden' });
    const read = await run(
      testContext(store.db, AS_OF, { actor: operatorActor('local:admin') }),
      'audit_log',
      {
        actor: 'priya.kim',
        limit: 5,
      },
    );
    const [latest] = (read.data as AuditLogData).entries;
    expect(latest).toMatchObject({
      actor: 'priya.kim',
      role: 'csm',
      surface: 'chat',
      text: 'team portfolio review',
      intent: 'portfolio_review',
      args: { scope: 'team' },
      outcome: 'error',
      error_code: 'forbidden',
      detail: "The whole team's book is for CS leaders",
      at: `${AS_OF}T12:00:00.000Z`,
    });
    await expect(run(asCsm, 'audit_log', {})).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('purges only entries past the retention period, and audits the purge', async () => {
    await appendAudit(store.db, {
      actor: 'old-entry',
      surface: 'cli',
      outcome: 'ok',
      at: '2024-01-01T00:00:00.000Z',
    });
    const admin = testContext(store.db, AS_OF, { actor: operatorActor('local:admin') });
    const purged = await run(admin, 'purge_audit', { older_than_days: 365 });
    expect(purged.data).toEqual({ before: '2025-11-24T12:00:00.000Z', deleted: 1, retention_days: 365 });
    expect(await store.db.query("SELECT id FROM audit_log WHERE actor = 'old-entry'")).toEqual([]);
    const [entry] = await store.db.query<{ intent: string; outcome: string }>(
      "SELECT intent, outcome FROM audit_log WHERE intent = 'purge_audit' ORDER BY id DESC LIMIT 1",
    );
    expect(entry).toEqual({ intent: 'purge_audit', outcome: 'ok' });
    await expect(run(admin, 'purge_audit', { older_than_days: 7 })).rejects.toMatchObject({
      code: 'bad_input',
    });
  });
});
