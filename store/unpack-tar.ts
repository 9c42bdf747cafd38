import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

const text = (block: Buffer, from: number, length: number) =>
  block
    .subarray(from, from + length)
    .toString('utf8')
    .replace(/\0.*$/s, '');

/**
 * Unpacks a gzipped tar (ustar: files and folders; extended headers skipped) into a folder.
 * Enough for the store's packed data directory; refuses paths that would leave the folder.
 */
export function unpackTarGz(packed: Buffer, into: string): number {
  const tar = gunzipSync(packed);
  const root = normalize(into);
  let files = 0;
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    const name = [text(header, 345, 155), text(header, 0, 100)].filter((p) => p !== '').join('/');
    const size = Number.parseInt(text(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const target = normalize(join(root, name.replace(/^\/+/, '')));
    if (target !== root && !target.startsWith(root + sep))
      throw new Error(`tar entry ${name} leaves ${into}`);
    const body = at + BLOCK;
    if (type === '5') mkdirSync(target, { recursive: true });
    else if (type === '0' || type === '\0') {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, tar.subarray(body, body + size));
      files++;
    }
    at = body + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
