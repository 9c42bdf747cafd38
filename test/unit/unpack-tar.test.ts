import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { unpackTarGz } from '../../store/unpack-tar.ts';

/** One ustar entry: a 512-byte header and the data padded to 512 bytes. */
function entry(name: string, type: '0' | '5', data = ''): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write(`${Buffer.byteLength(data).toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  header.write(type, 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(data) / 512) * 512);
  body.write(data, 0, 'utf8');
  return Buffer.concat([header, body]);
}
const tarGz = (...entries: Buffer[]) => gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]));

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'cse-tar-'));
  dirs.push(d);
  return d;
};

describe('unpacking the packed data directory', () => {
  it('writes every file and folder with its bytes', () => {
    const into = scratch();
    const files = unpackTarGz(
      tarGz(
        entry('/base', '5'),
        entry('/base/1/PG_VERSION', '0', '18\n'),
        entry('/global/pg_control', '0', 'x'.repeat(700)),
      ),
      into,
    );
    expect(files).toBe(2);
    expect(readFileSync(join(into, 'base/1/PG_VERSION'), 'utf8')).toBe('18\n');
    expect(readFileSync(join(into, 'global/pg_control'), 'utf8')).toBe('x'.repeat(700));
  });

  it('refuses an entry that would land outside the folder', () => {
    expect(() => unpackTarGz(tarGz(entry('../escape', '0', 'no')), scratch())).toThrow(/leaves/);
  });
});
