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
/** An entry older than any retention, whatever the date is. */
const oldEntry = (actor: string) =>
  appendAudit(store.db, { actor, surface: 'cli', outcome: 'ok', at: '2000-01-01T00:00:00.000Z' });

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

  it('purges only entries past the retention period by the database clock, whatever clock the process is given, and audits the purge', async () => {
    await oldEntry('old-entry');
    // Stamped by the database's own clock: fresh whatever the date is.
    await appendAudit(store.db, { actor: 'fresh-entry', surface: 'cli', outcome: 'ok' });
    // A process clock set far ahead (CSE_NOW=2100-01-01) changes nothing: the cut-off is the database's.
    // Ten years: only the entry from 2000 is that old, whatever year the machine's clock says.
    const admin = testContext(store.db, '2100-01-01', { actor: operatorActor('local:admin') });
    const purged = await run(admin, 'purge_audit', { older_than_days: 3650 });
    expect(purged.data).toMatchObject({ deleted: 1, retention_days: 3650 });
    const [clock] = await store.db.query<{ before: string }>(
      "SELECT (clock_timestamp() - interval '3650 days')::timestamptz AS before",
    );
    expect(Math.abs(Date.parse(purged.data.before) - Date.parse(clock?.before ?? ''))).toBeLessThan(60_000);
    expect(
      await store.db.query("SELECT actor FROM audit_log WHERE actor IN ('old-entry', 'fresh-entry')"),
    ).toEqual([{ actor: 'fresh-entry' }]);
    expect(
      await store.db.query("SELECT count(*)::int AS n FROM audit_log WHERE at::date = '2026-11-24'"),
    ).not.toEqual([{ n: 0 }]);
    const [entry] = await store.db.query<{ intent: string; outcome: string }>(
      "SELECT intent, outcome FROM audit_log WHERE intent = 'purge_audit' ORDER BY id DESC LIMIT 1",
    );
    expect(entry).toEqual({ intent: 'purge_audit', outcome: 'ok' });
    await expect(run(admin, 'purge_audit', { older_than_days: 7 })).rejects.toMatchObject({
      code: 'bad_input',
    });
    // The database keeps its own floor, whoever calls it.
    await expect(store.db.query('SELECT * FROM cse_purge_audit(7)')).rejects.toThrow(
      /keeps at least 30 days/,
    );
  });

  it('opens to no flag or setting: only the purge function deletes, and only admins run it', async () => {
    await oldEntry('flagged-entry');
    // The old way in (a transaction-local flag any role could set) no longer opens the table.
    await expect(
      store.db.transaction(async (tx) => {
        await tx.query("SELECT set_config('cse.audit_purge', 'on', true)");
        await tx.query("DELETE FROM audit_log WHERE actor = 'flagged-entry'");
      }),
    ).rejects.toThrow(/append-only: DELETE is refused/);
    expect(await store.db.query("SELECT actor FROM audit_log WHERE actor = 'flagged-entry'")).toHaveLength(1);
    const leader = await findUser(store.db, 'priya.kim');
    if (!leader) throw new Error('no priya.kim in the demo');
    await expect(
      run(testContext(store.db, AS_OF, { actor: teamActor(leader) }), 'purge_audit', {}),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await store.db.query("SELECT actor FROM audit_log WHERE actor = 'flagged-entry'")).toHaveLength(1);
  });
});
