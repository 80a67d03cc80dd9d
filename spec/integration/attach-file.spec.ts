// attachFile() over real HTTP to the local server, whose multipart parser keeps a file's bytes exact
// (lib/testing/http/body.ts): the bytes the server stored are exactly the caller's (a pooled Buffer's
// own 5, never its 8 KiB pool; all 256 byte values), the body is laid out as the recorded upload
// (spec/fixtures/recordings/space-documents/create.json), and the cache: the ticket's attachments
// list gains it, the ticket (whose updated_at changed) is read again once.
import { Observable, firstValueFrom, lastValueFrom, of, shareReplay, toArray } from 'rxjs';
import {
  API,
  AttributeError,
  Document,
  Space,
  Ticket,
  UncertainWriteError,
  attachFile,
  attachments,
  documents,
  download,
  ticket,
} from '../../lib';
import { parseMultipart } from '../../lib/testing/http/body';
import { recordWrites, SentWrite } from '../support/bodies';
import { Proxy, startProxy } from '../support/proxy';
import { KEY_AUTH, useLocalServer } from '../support/local';

const all = <T>(o: Observable<T>): Promise<T[]> => lastValueFrom(o.pipe(toArray()));

describe('attachFile over real HTTP', () => {
  const local = useLocalServer({ data: { tickets: 50 } }, 'test');
  let proxy: Proxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  async function setup(number = 5): Promise<{ sent: SentWrite[]; space: Space; ticket$: Observable<Ticket> }> {
    const recorded = await recordWrites(local.server.url);
    proxy = recorded.proxy;
    const api = new API({ auth: KEY_AUTH, baseUrl: proxy.url });
    const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
    const space = await firstValueFrom(space$);
    const ticket$ = space$.pipe(ticket({ number }), shareReplay(1));
    await firstValueFrom(ticket$);
    local.server.stats.reset();
    return { sent: recorded.sent, space, ticket$ };
  }

  const storedBytes = (id: string) => Buffer.from(local.server.data.files[id], 'base64');
  const storedDoc = (space: Space, id: string) => local.server.data.documents[space.id].find((d) => d.id === id)!;

  it('sends a pooled 5-byte Buffer as exactly its 5 bytes', async () => {
    const { sent, space, ticket$ } = await setup();
    const buf = Buffer.from('hello');
    expect(buf.buffer.byteLength).toBeGreaterThan(5); // a view into Node's shared pool
    const t = await firstValueFrom(ticket$);
    const [doc] = await all(ticket$.pipe(attachFile({ name: 'hello.txt', data: buf, contentType: 'text/plain' })));
    expect(doc).toMatchObject({
      name: 'hello.txt',
      filename: 'hello.txt',
      content_type: 'text/plain',
      filesize: 5,
      ticket_id: t.id,
      attachable_type: 'Ticket',
      attachable_id: t.id,
    });
    expect(storedBytes(doc.id)).toEqual(Buffer.from('hello'));
    expect(storedDoc(space, doc.id).filesize).toBe(5);
    // The body is the recorded layout, and holds nothing else: the file part, then the fields.
    const [post] = sent;
    expect(post.method).toBe('POST');
    expect(post.path).toMatch(/\/v1\/spaces\/[^/]+\/documents$/);
    expect(post.contentType).toMatch(/^multipart\/form-data; boundary=\S+$/);
    const form = parseMultipart(post.bytes, post.contentType) as { document: Record<string, unknown> };
    expect(form.document).toEqual({
      file: { filename: 'hello.txt', contentType: 'text/plain', bytes: Buffer.from('hello') },
      name: 'hello.txt',
      attachable_type: 'Ticket',
      attachable_id: String(t.id),
    });
    expect(post.bytes.length).toBeLessThan(1000);
    // The POST, and the ticket read again.
    expect(local.count()).toBe(2);
  });

  it('uploads all 256 byte values and download() gives them back exactly', async () => {
    const { ticket$ } = await setup();
    const pool = new Uint8Array(600).fill(0xee);
    const data = pool.subarray(100, 356);
    data.forEach((_, i) => (data[i] = i));
    const doc = await firstValueFrom(ticket$.pipe(attachFile({ name: 'all.bin', data })));
    expect(doc).toMatchObject({ filesize: 256, content_type: 'application/octet-stream' });
    expect(storedBytes(doc.id)).toEqual(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    const back = await firstValueFrom(of(doc).pipe(download()));
    expect(Array.from(back)).toEqual(Array.from({ length: 256 }, (_, i) => i));
  });

  it('takes an ArrayBuffer, a string (as UTF-8) and a Blob (its own type)', async () => {
    const { ticket$ } = await setup();
    const ab = await firstValueFrom(
      ticket$.pipe(attachFile({ name: 'ab.bin', data: Uint8Array.from([0, 1, 255]).buffer })),
    );
    expect(storedBytes(ab.id)).toEqual(Buffer.from([0, 1, 255]));
    const text = await firstValueFrom(ticket$.pipe(attachFile({ name: 'crash "1".log', data: 'Größe ✓\r\n--' })));
    expect(storedBytes(text.id).toString('utf8')).toBe('Größe ✓\r\n--');
    expect(text.name).toBe('crash "1".log');
    const blob = await firstValueFrom(
      ticket$.pipe(attachFile({ name: 'b.json', data: new Blob(['{"a":1}'], { type: 'application/json' }) })),
    );
    expect(blob.content_type).toBe('application/json');
    expect(storedBytes(blob.id).toString('utf8')).toBe('{"a":1}');
  });

  it("joins the ticket's cached attachments; the ticket is read again for its new updated_at", async () => {
    const { space, ticket$ } = await setup(1);
    const old = await firstValueFrom(ticket$);
    const before = await firstValueFrom(ticket$.pipe(attachments()));
    const files = await firstValueFrom(of(space).pipe(documents()));
    local.server.stats.reset();
    const doc = await firstValueFrom(ticket$.pipe(attachFile({ name: 'new.txt', data: 'new' })));
    expect(local.count()).toBe(2);
    expect(local.count('GET /spaces/:space/tickets/:number')).toBe(1);
    expect(await firstValueFrom(ticket$.pipe(attachments()))).toEqual([...before, doc]);
    expect(local.count('GET /spaces/:space/tickets/:number/attachments')).toBe(0);
    const stored = local.server.data.tickets[space.id].find((t) => t.number === 1)!.updated_at;
    const fresh = await firstValueFrom(of(space).pipe(ticket({ number: 1 })));
    expect(fresh.updated_at.getTime()).toBe(Date.parse(stored));
    expect(fresh.updated_at.getTime()).toBeGreaterThan(old.updated_at.getTime());
    // The space's file list is read again (dropped by the write), with the new one.
    expect((await firstValueFrom(of(space).pipe(documents()))).map((d) => d.id)).toEqual([
      ...files.map((d) => d.id),
      doc.id,
    ]);
    expect(local.count()).toBe(3);
  });

  it('a lost answer is an UncertainWriteError, sent once, whose lookup() finds the attachment', async () => {
    proxy = await startProxy(local.server.url, (req) => (req.method === 'POST' ? { lose: 'drop' } : undefined));
    const api = new API({ auth: KEY_AUTH, baseUrl: proxy.url });
    const ticket$ = api.space({ name: 'Big Project' }).pipe(ticket({ number: 8 }), shareReplay(1));
    await firstValueFrom(ticket$);
    local.server.stats.reset();
    const error = await firstValueFrom(ticket$.pipe(attachFile({ name: 'lost.log', data: 'x' }))).catch((e) => e);
    expect(error).toBeInstanceOf(UncertainWriteError);
    expect(local.count('POST /spaces/:space/documents')).toBe(1);
    const [found] = await all((error as UncertainWriteError<Document>).lookup());
    expect(found).toMatchObject({ name: 'lost.log', filesize: 1 });
  });

  it('refuses what is not a file before anything is sent', async () => {
    const { ticket$ } = await setup();
    const bad = attachFile({ name: 'x', data: 42 as unknown as string });
    await expect(firstValueFrom(ticket$.pipe(bad))).rejects.toBeInstanceOf(AttributeError);
    await expect(firstValueFrom(ticket$.pipe(attachFile({ name: '', data: 'x' })))).rejects.toThrow(/name must be/);
    expect(local.count()).toBe(0);
  });
});
