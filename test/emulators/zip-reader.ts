import * as zlib from 'node:zlib';

/**
 * Reads a ZIP archive (PKWARE APPNOTE.TXT: end of central directory, central directory, local
 * headers; stored or deflate) the way a server does, to check an uploaded artifact bundle. Data
 * before the archive (an artifact bundle's `SYSB` header) is allowed, as Python's zipfile allows it.
 * Each entry's CRC-32 is checked, as a server's reader checks it.
 */
export function readZip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = archive.readUInt16LE(at + 10);
    const compressed = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extra = archive.readUInt16LE(at + 30);
    const comment = archive.readUInt16LE(at + 32);
    const offset = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (archive.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28);
    const body = archive.subarray(start, start + compressed);
    const data = method === 0 ? Buffer.from(body) : method === 8 ? zlib.inflateRawSync(body) : undefined;
    if (!data || data.length !== size) throw new Error(`cannot read ${name} (method ${method})`);
    if (zlib.crc32 && zlib.crc32(data) !== archive.readUInt32LE(at + 16)) throw new Error(`bad CRC-32 for ${name}`);
    entries.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}
