import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockStore } from '../../store/store-lock.ts';

/** The lock on an embedded store: a reused pid is not its owner, and a take-over is one process's at a time. */
const dir = () => mkdtempSync(join(tmpdir(), 'cse-lock-unit-'));
const write = (d: string, owner: Record<string, unknown>) =>
  writeFileSync(join(d, 'cse.lock'), JSON.stringify(owner));
const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};

describe('the embedded store lock', () => {
  it('takes over a lock that names this very pid from an earlier life (a container restarted as pid 1)', () => {
    const d = dir();
    write(d, {
      pid: process.pid,
      token: 'an-earlier-process',
      command: 'cse serve',
      since: '2026-11-24T00:00:00Z',
    });
    const release = lockStore(d, d);
    const owner = JSON.parse(readFileSync(join(d, 'cse.lock'), 'utf8'));
    expect(owner.pid).toBe(process.pid);
    expect(owner.token).not.toBe('an-earlier-process');
    release();
  });

  it.runIf(existsSync('/proc/self/stat'))(
    'takes over a live pid that started at another time (reused), and refuses the one that is really running',
    () => {
      const d = dir();
      const pid = process.ppid;
      write(d, { pid, token: 't-reused', started: '1', command: 'cse serve', since: '2026-11-24T00:00:00Z' });
      lockStore(d, d)();
      write(d, {
        pid,
        token: 't-live',
        started: startOf(pid),
        command: 'cse serve',
        since: '2026-11-24T00:00:00Z',
      });
      expect(() => lockStore(d, d)).toThrow(`the store in ${d} is in use by pid ${pid} (cse serve)`);
    },
  );

  it('leaves a take-over to the process making it, and clears a marker a dead process left behind', () => {
    const d = dir();
    write(d, { pid: 2 ** 22 + 777, token: 't-dead', command: 'cse serve', since: '2026-11-24T00:00:00Z' });
    writeFileSync(join(d, 'cse.lock.takeover'), String(Date.now()));
    expect(() => lockStore(d, d)).toThrow('is being opened by another process');
    writeFileSync(join(d, 'cse.lock.takeover'), String(Date.now() - 60_000));
    const release = lockStore(d, d);
    expect(JSON.parse(readFileSync(join(d, 'cse.lock'), 'utf8')).pid).toBe(process.pid);
    release();
  });
});
