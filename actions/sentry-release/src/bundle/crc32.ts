import * as zlib from 'node:zlib';

/**
 * CRC-32 (IEEE 802.3, the polynomial ZIP uses: APPNOTE.TXT 4.4.7): zlib's own where Node has it
 * (20.15+, 22.2+), else table-driven.
 */
const TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export function crc32(data: Uint8Array): number {
  return native ? native(data) : tableCrc32(data);
}

export function tableCrc32(data: Uint8Array): number {
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
