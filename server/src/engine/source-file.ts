// Reading a file's bytes as text: BOM removed, invalid UTF-8 replaced, binary content refused.

export type Decoded = { ok: true; text: string; bom: boolean; replaced: boolean } | { ok: false; message: string };

export function decodeSource(bytes: Uint8Array): Decoded {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return { ok: false, message: 'binary file (contains NUL bytes): not checked' };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  let text: string;
  let replaced = false;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    text = new TextDecoder('utf-8').decode(body);
    replaced = true;
  }
  return { ok: true, text, bom, replaced };
}

export function encodeSource(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
