// The multipart body the SDK builds for an upload, read back with the local server's parser (which
// searches boundaries in bytes, lib/testing/http/body.ts): exact bytes, exact length, a boundary
// that appears in no part.
import { multipartBody } from '../../lib/transport/multipart';
import { parseMultipart } from '../../lib/testing/http/body';

describe('multipartBody', () => {
  it("copies a view's own bytes only, into a body of exactly its length", () => {
    const pooled = Buffer.from('hello');
    expect(pooled.buffer.byteLength).toBeGreaterThan(5);
    const { body, contentType } = multipartBody([
      ['document[file]', { filename: 'h.txt', contentType: 'text/plain', bytes: pooled }],
      ['document[name]', 'h.txt'],
    ]);
    expect(body).toBeInstanceOf(ArrayBuffer);
    const bytes = Buffer.from(body);
    expect(parseMultipart(bytes, contentType)).toEqual({
      document: { file: { filename: 'h.txt', contentType: 'text/plain', bytes: Buffer.from('hello') }, name: 'h.txt' },
    });
    const boundary = /boundary=(\S+)$/.exec(contentType)![1];
    const text = bytes.toString('latin1');
    expect(text.startsWith(`--${boundary}\r\n`)).toBe(true);
    expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
    expect(body.byteLength).toBe(text.length);
  });

  it('keeps every byte value, and quotes names as browsers do', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const { body, contentType } = multipartBody([['f', { filename: 'a "b"\r\n.bin', contentType: 'x/y', bytes: all }]]);
    const form = parseMultipart(Buffer.from(body), contentType) as { f: { filename: string; bytes: Buffer } };
    expect(Array.from(form.f.bytes)).toEqual(Array.from(all));
    expect(form.f.filename).toBe('a "b"%0D%0A.bin');
  });

  it('picks another boundary when the first one occurs in a part', () => {
    const first = '----assembla-rx-' + '0'.repeat(24);
    const draws = [...Array(24).fill(0), ...Array(24).fill(0.5)];
    const { contentType } = multipartBody([['t', `before ${first} after`]], () => draws.shift() ?? 0.5);
    expect(contentType).not.toContain(first);
    expect(contentType).toMatch(/boundary=----assembla-rx-i{24}$/);
  });
});
