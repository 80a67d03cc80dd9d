// The local server's writes of a ticket's parts over real HTTP: comments, associations and
// documents (multipart, byte for byte), form-encoded bodies, and the activity events each write
// leaves; answers held to the recorded ones (spec/fixtures/recordings/{ticket-comments,
// ticket-associations,space-documents}).
import { request } from 'node:http';
import {
  SEED_NOW,
  createHandler,
  startServer,
  type RunningServer,
  type WireAssociation,
  type WireComment,
  type WireDocument,
  type WireEvent,
  type WireTicket,
} from '../../lib/testing';
import { parseBody, parseMultipart } from '../../lib/testing/http/body';
import { loadInteractions } from '../support/recordings';
import { AUTH, call, send, type Answer } from './helpers';

/** The recorded answer of a cassette's last interaction with this method. */
function recorded(file: string, method: string): { status: number; keys: string[] } {
  const hits = loadInteractions().filter((i) => i.file === file && i.method === method);
  const last = hits[hits.length - 1];
  return { status: last.status, keys: last.body ? Object.keys(JSON.parse(last.body) as object) : [] };
}

/** A multipart/form-data body built by hand, as a client on the wire sends it. */
function multipart(
  boundary: string,
  fields: Record<string, string>,
  file?: { name: string; filename: string; type: string; bytes: Uint8Array },
): Uint8Array<ArrayBuffer> {
  const parts: Buffer[] = [];
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.type}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return new Uint8Array(Buffer.concat(parts));
}

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('local server: writing comments, associations and documents', () => {
  let server: RunningServer;
  let now = SEED_NOW;
  const space = (): string => server.data.spaces[0].id;
  const ticket = (number: number): WireTicket => server.data.tickets[space()].find((t) => t.number === number)!;
  const events = async (): Promise<WireEvent[]> =>
    ((await call(server.url, `/v1/activity?space_id=${space()}&per_page=100`)).json as WireEvent[]) ?? [];

  beforeEach(async () => {
    expect.hasAssertions();
    now = SEED_NOW;
    server = await startServer({ data: { tickets: 30 }, now: () => now });
  });
  afterEach(() => server.stop());

  describe('comments', () => {
    it('adds a comment: 201, the Location under the ticket, the recorded keys; it bumps the ticket', async () => {
      now += 60_000;
      const t = ticket(5);
      const seededMax = Math.max(...Object.values(server.data.comments).flatMap((list) => list.map((x) => x.id)));
      const res = await send(server.url, 'POST', '/v1/spaces/big-project/tickets/5/ticket_comments', {
        ticket_comment: { comment: 'Some WIP is done' },
      });
      const rec = recorded('ticket-comments/create.json', 'POST');
      expect(res.status).toBe(rec.status);
      expect(Object.keys(res.json)).toEqual(rec.keys);
      const c = res.json as WireComment;
      expect(c).toMatchObject({
        comment: 'Some WIP is done',
        ticket_id: t.id,
        user_id: server.data.me.id,
        ticket_changes: '--- []\n',
        created_on: '2024-08-13T08:01:00Z',
      });
      expect(res.headers.get('location')).toBe(
        `${server.url}/v1/spaces/${space()}/tickets/5-${t.summary
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/-$/, '')}/ticket_comments/${c.id}`,
      );
      const listed = (await call(server.url, '/v1/spaces/big-project/tickets/5/ticket_comments')).json as WireComment[];
      expect(listed[0]).toEqual(c); // newest first
      expect((await call(server.url, '/v1/spaces/big-project/tickets/5')).json.updated_at).toBe('2024-08-13T08:01:00Z');
      expect(c.id).toBe(seededMax + 1);
    });

    it('edits a comment: 204 as recorded, the text changes, the ticket keeps its updated_at', async () => {
      const posted = await send(server.url, 'POST', '/v1/spaces/big-project/tickets/5/ticket_comments', {
        ticket_comment: { comment: 'Some WIP is done' },
      });
      const path = `/v1/spaces/big-project/tickets/5/ticket_comments/${posted.json.id}`;
      now += 3_600_000;
      const res = await send(server.url, 'PUT', path, { ticket_comment: { comment: 'Some work is done' } });
      expect(res.status).toBe(recorded('ticket-comments/edit.json', 'PUT').status);
      expect(res.text).toBe('');
      const after = (await call(server.url, path)).json as WireComment;
      expect(after).toMatchObject({ comment: 'Some work is done', updated_at: '2024-08-13T09:00:00Z' });
      expect(after.created_on).toBe(posted.json.created_on);
      expect(ticket(5).updated_at).toBe(posted.json.created_on);
      expect((await send(server.url, 'PUT', '/v1/spaces/big-project/tickets/6/ticket_comments/1', {})).status).toBe(
        404,
      );
    });

    it('refuses a missing or blank comment with 422 and changes nothing', async () => {
      const before = server.data.comments[space()].length;
      for (const body of [{ ticket_comment: {} }, { ticket_comment: { comment: '  ' } }, {}]) {
        const res = await send(server.url, 'POST', '/v1/spaces/big-project/tickets/5/ticket_comments', body);
        expect(res.status).toBe(422);
        expect(res.json).toEqual({ comment: ["can't be blank"] });
      }
      expect(server.data.comments[space()]).toHaveLength(before);
      expect((await send(server.url, 'POST', '/v1/spaces/big-project/tickets/99/ticket_comments', {})).status).toBe(
        404,
      );
    });

    it('takes a comment form-encoded, Rails keys and all', async () => {
      const res = await call(server.url, '/v1/spaces/big-project/tickets/5/ticket_comments', {
        method: 'POST',
        body: 'ticket_comment[comment]=Fixed+in+1.2%20%26+later',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status).toBe(201);
      expect(res.json.comment).toBe('Fixed in 1.2 & later');
    });
  });

  describe('associations', () => {
    it('stores a subtask as the story from the other side, as recorded: 201 and Location', async () => {
      const [one, two] = [ticket(11), ticket(12)];
      const res = await send(server.url, 'POST', '/v1/spaces/big-project/tickets/11/ticket_associations', {
        ticket_association: { ticket2_id: two.id, relationship: 6 },
      });
      const rec = recorded('ticket-associations/create.json', 'POST');
      expect(res.status).toBe(rec.status);
      expect(Object.keys(res.json)).toEqual(rec.keys);
      const a = res.json as WireAssociation;
      expect(a).toMatchObject({ ticket1_id: two.id, ticket2_id: one.id, relationship: 5 });
      expect(res.headers.get('location')).toMatch(
        new RegExp(`/v1/spaces/${space()}/tickets/11-[a-z0-9-]+/ticket_associations/${a.id}$`),
      );
      for (const n of [11, 12])
        expect((await call(server.url, `/v1/spaces/big-project/tickets/${n}/ticket_associations`)).json).toEqual([a]);
    });

    it('changes the relationship from the other ticket (204 with Location, as recorded) and deletes it', async () => {
      const created = await send(server.url, 'POST', '/v1/spaces/big-project/tickets/11/ticket_associations', {
        ticket_association: { ticket2_id: ticket(12).id, relationship: 6 },
      });
      const path = `/v1/spaces/big-project/tickets/12/ticket_associations/${created.json.id}`;
      const res = await send(server.url, 'PUT', path, { ticket_association: { relationship: 2 } });
      expect(res.status).toBe(recorded('ticket-associations/edit.json', 'PUT').status);
      expect(res.headers.get('location')).toMatch(
        new RegExp(`/tickets/12-[a-z0-9-]+/ticket_associations/${created.json.id}$`),
      );
      expect((await call(server.url, path)).json).toMatchObject({ relationship: 2, ticket1_id: ticket(12).id });
      expect((await send(server.url, 'PUT', path, { relationship: 1 })).status).toBe(204);
      expect((await call(server.url, path)).json).toMatchObject({ relationship: 0, ticket1_id: ticket(11).id });

      const deleted = await call(server.url, path, { method: 'DELETE' });
      expect(deleted.status).toBe(recorded('ticket-associations/delete.json', 'DELETE').status);
      expect((await call(server.url, path)).status).toBe(404);
      expect((await call(server.url, path, { method: 'DELETE' })).status).toBe(404);
      expect((await call(server.url, '/v1/spaces/big-project/tickets/11/ticket_associations')).status).toBe(204);
    });

    it('refuses an unknown relationship, a missing or unknown ticket, itself and a duplicate with 422', async () => {
      const post = (body: unknown): Promise<Answer> =>
        send(server.url, 'POST', '/v1/spaces/big-project/tickets/11/ticket_associations', body);
      const other = ticket(12).id;
      expect((await post({ ticket_association: { ticket2_id: other, relationship: 9 } })).json).toEqual({
        relationship: ['is not included in the list'],
      });
      expect((await post({ ticket_association: { relationship: 2 } })).json).toEqual({
        ticket2_id: ["can't be blank"],
      });
      expect((await post({ ticket_association: { ticket2_id: 999_999, relationship: 2 } })).json).toEqual({
        ticket2_id: ['is invalid'],
      });
      const self = await post({ ticket_association: { ticket2_id: ticket(11).id, relationship: 2 } });
      expect(self.status).toBe(422);
      expect(Object.keys(self.json)).toEqual(['ticket2_id']);
      expect((await post({ ticket_association: { ticket2_id: other, relationship: 2 } })).status).toBe(201);
      expect((await post({ ticket_association: { ticket2_id: other, relationship: 3 } })).json).toEqual({
        ticket2_id: ['has already been taken'],
      });
      const put = await send(
        server.url,
        'PUT',
        `/v1/spaces/big-project/tickets/11/ticket_associations/${server.data.associations[space()].at(-1)!.id}`,
        { relationship: 'x' },
      );
      expect(put.status).toBe(422);
      expect(server.data.associations[space()].filter((a) => a.ticket2_id === other)).toHaveLength(1);
    });
  });

  describe('documents', () => {
    const upload = (body: Uint8Array<ArrayBuffer>, boundary: string): Promise<Answer> =>
      call(server.url, '/v1/spaces/big-project/documents', {
        method: 'POST',
        body,
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      });
    const download = async (id: string): Promise<Buffer> => {
      const res = await fetch(`${server.url}/v1/spaces/big-project/documents/${id}/download`, {
        headers: { 'X-Api-Key': 'local-key', 'X-Api-Secret': 'local-secret' },
      });
      return Buffer.from(await res.arrayBuffer());
    };

    it('attaches a 5-byte file to a ticket: 201, the recorded keys, Location, exactly 5 bytes stored', async () => {
      now += 120_000;
      const t = ticket(3);
      const res = await upload(
        multipart(
          '-----------RubyMultipartPost',
          { 'document[attachable_type]': 'Ticket', 'document[attachable_id]': String(t.id) },
          { name: 'document[file]', filename: 'crash.log', type: 'text/plain', bytes: Buffer.from('hello') },
        ),
        '-----------RubyMultipartPost',
      );
      const rec = recorded('space-documents/create.json', 'POST');
      expect(res.status).toBe(rec.status);
      expect(Object.keys(res.json)).toEqual(rec.keys);
      const d = res.json as WireDocument;
      expect(d).toMatchObject({
        name: 'crash.log',
        filename: 'crash.log',
        content_type: 'text/plain',
        filesize: 5,
        version: 1,
        ticket_id: t.id,
        attachable_type: 'Ticket',
        attachable_id: t.id,
        created_by: server.data.me.id,
        space_id: space(),
      });
      expect(d.id).toMatch(/^[\w-]{22}$/);
      expect(res.headers.get('location')).toBe(`${server.url}/v1/spaces/${space()}/documents/${d.id}`);
      expect(await download(d.id)).toEqual(Buffer.from('hello'));
      const attachments = (await call(server.url, '/v1/spaces/big-project/tickets/3/attachments')).json;
      expect(attachments.map((x: WireDocument) => x.id)).toContain(d.id);
      expect(ticket(3).updated_at).toBe('2024-08-13T08:02:00Z');
    });

    it('keeps all 256 byte values exact, boundary look-alikes and CRLFs included', async () => {
      const bytes = Buffer.concat([
        Buffer.from(ALL_BYTES),
        Buffer.from('\r\n--xyz-not-the-end\r\n'),
        Buffer.from(ALL_BYTES).reverse(),
      ]);
      const res = await upload(
        multipart(
          'xyz',
          { 'document[name]': 'Bytes' },
          {
            name: 'document[file]',
            filename: 'all.bin',
            type: 'application/octet-stream',
            bytes,
          },
        ),
        '"xyz"',
      );
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ name: 'Bytes', filename: 'all.bin', filesize: bytes.length, ticket_id: null });
      expect(await download(res.json.id)).toEqual(bytes);
    });

    it('refuses an upload without a file, a broken multipart body and a foreign attachable', async () => {
      const before = server.data.documents[space()].length;
      const noFile = await upload(multipart('b', { 'document[name]': 'x' }), 'b');
      expect(noFile.status).toBe(422);
      expect(noFile.json).toEqual({ file: ["can't be blank"] });
      const cut = '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nno end';
      const broken = await upload(new TextEncoder().encode(cut), 'b');
      expect(broken.status).toBe(422);
      const wrong = await upload(
        multipart(
          'b',
          { 'document[attachable_type]': 'Ticket', 'document[attachable_id]': '999999' },
          {
            name: 'document[file]',
            filename: 'a',
            type: 'text/plain',
            bytes: Buffer.from('a'),
          },
        ),
        'b',
      );
      expect(wrong.json).toEqual({ attachable_id: ['is invalid'] });
      expect(server.data.documents[space()]).toHaveLength(before);
    });

    it('edits a description (204, as recorded) and deletes a document (204, then 404)', async () => {
      const created = await upload(
        multipart('b', {}, { name: 'document[file]', filename: 'a.txt', type: 'text/plain', bytes: Buffer.from('a') }),
        'b',
      );
      const path = `/v1/spaces/big-project/documents/${created.json.id}`;
      const edited = await send(server.url, 'PUT', path, { document: { description: 'Was hard to obtain' } });
      expect(edited.status).toBe(recorded('space-documents/edit.json', 'PUT').status);
      expect((await call(server.url, path)).json).toMatchObject({ description: 'Was hard to obtain', name: 'a.txt' });
      const deleted = await call(server.url, path, { method: 'DELETE' });
      expect(deleted.status).toBe(recorded('space-documents/delete.json', 'DELETE').status);
      expect((await call(server.url, path)).status).toBe(404);
      expect((await call(server.url, `${path}/download`)).status).toBe(404);
      expect(server.data.files[created.json.id]).toBeUndefined();
    });
  });

  describe('the activity events writes leave', () => {
    it('records created, updated, commented, uploaded and deleted, by the caller, at the write', async () => {
      now = SEED_NOW + 60_000;
      const created = await send(server.url, 'POST', '/v1/spaces/big-project/tickets', { summary: 'Logged' });
      now += 60_000;
      await send(server.url, 'PUT', '/v1/spaces/big-project/tickets/31', { status: 'Fixed' });
      now += 60_000;
      const comment = await send(server.url, 'POST', '/v1/spaces/big-project/tickets/31/ticket_comments', {
        comment: 'Done',
      });
      now += 60_000;
      await call(server.url, '/v1/spaces/big-project/documents', {
        method: 'POST',
        body: multipart(
          'b',
          {},
          { name: 'document[file]', filename: 'x.log', type: 'text/plain', bytes: Buffer.from('x') },
        ),
        headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
      });
      now += 60_000;
      await send(server.url, 'POST', '/v1/spaces/big-project/milestones', { title: 'Sprint 9' });
      now += 60_000;
      await send(server.url, 'POST', '/v1/spaces/big-project/tickets/31/ticket_associations', {
        ticket2_id: ticket(1).id,
        relationship: 2,
      });
      now += 60_000;
      await call(server.url, '/v1/spaces/big-project/tickets/31', { method: 'DELETE' });
      now += 60_000;

      const mine = (await events()).filter((e) => Date.parse(e.date) > SEED_NOW);
      expect(mine.map((e) => [e.date.slice(11, 19), e.object, e.operation, e.title])).toEqual([
        ['08:07:00', 'Ticket', 'deleted', '#31 Logged'],
        ['08:06:00', 'Ticket', 'updated', '#31 Logged'],
        ['08:05:00', 'Milestone', 'created', 'Sprint 9'],
        ['08:04:00', 'Document', 'uploaded', 'x.log'],
        ['08:03:00', 'Ticket Comment', 'commented', '#31 Logged'],
        ['08:02:00', 'Ticket', 'set to fixed', '#31 Logged'],
        ['08:01:00', 'Ticket', 'created', '#31 Logged'],
      ]);
      const me = server.data.me;
      expect(mine.every((e) => e.author_id === me.id && e.author_name === me.name && e.space_id === space())).toBe(
        true,
      );
      expect(mine.find((e) => e.object === 'Ticket Comment')).toMatchObject({
        object_id: String(comment.json.id),
        url: `https://www.assembla.com/spaces/${server.data.spaces[0].wiki_name}/tickets/31`,
        ticket: { id: created.json.id, number: 31, summary: 'Logged', operation: 'commented' },
        comment_or_description: 'Done',
        whatchanged: '',
      });
      expect(mine.find((e) => e.operation === 'created' && e.object === 'Ticket')!.date).toBe(
        '2024-08-13T08:01:00+00:00',
      );
    });

    it('keeps the seeded history as it was: an update adds an event and moves none', async () => {
      now = SEED_NOW + 60_000;
      const before = await events();
      await send(server.url, 'PUT', '/v1/spaces/big-project/tickets/30', { priority: 2 });
      await send(server.url, 'PUT', '/v1/spaces/big-project/tickets/30', { priority: 1 });
      const after = await events();
      expect(after.slice(2)).toEqual(before);
      expect(after.slice(0, 2).map((e) => e.operation)).toEqual(['updated', 'updated']);
    });
  });
  describe('bodies', () => {
    it('takes a comment unwrapped, and form fields sent with no Content-Type at all (digest §1)', async () => {
      const bare = await send(server.url, 'POST', '/v1/spaces/big-project/tickets/5/ticket_comments', {
        comment: 'Bare',
      });
      expect(bare.json.comment).toBe('Bare');
      const status = await new Promise<number>((resolve, reject) => {
        const body = 'ticket[summary]=No+type&ticket[priority]=1';
        const req = request(`${server.url}/v1/spaces/big-project/tickets`, { method: 'POST', headers: AUTH }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
      expect(status).toBe(201);
      expect(ticket(31)).toMatchObject({ summary: 'No type', priority: 1 });
    });

    it('nests form fields as Rails does: a[b][c] and a[b][] arrays', async () => {
      const res = await call(server.url, '/v1/spaces/big-project/tickets/4', {
        method: 'PUT',
        body: 'ticket[custom_fields][Build]=1.2.0&ticket[priority]=5&ticket[tags][]=Core&ticket[tags][]=API',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status).toBe(204);
      expect(ticket(4)).toMatchObject({ priority: 5, custom_fields: { Build: '1.2.0' } });
      expect(parseBody('ticket[tags][]=Core&ticket[tags][]=API', 'application/x-www-form-urlencoded')).toEqual({
        ticket: { tags: ['Core', 'API'] },
      });
    });

    it("replaces a document's file with a multipart PUT: a new version, downloadable", async () => {
      const form = (bytes: Uint8Array) =>
        multipart('v', {}, { name: 'document[file]', filename: 'v.bin', type: 'application/octet-stream', bytes });
      const headers = { 'Content-Type': 'multipart/form-data; boundary=v' };
      const created = await call(server.url, '/v1/spaces/big-project/documents', {
        method: 'POST',
        body: form(Uint8Array.of(1)),
        headers,
      });
      const path = `/v1/spaces/big-project/documents/${created.json.id}`;
      expect((await call(server.url, path, { method: 'PUT', body: form(ALL_BYTES), headers })).status).toBe(204);
      expect((await call(server.url, path)).json).toMatchObject({ version: 2, filesize: 256 });
      const bytes = await fetch(`${server.url}${path}/download`, { headers: AUTH }).then((r) => r.arrayBuffer());
      expect(new Uint8Array(bytes)).toEqual(ALL_BYTES);
    });

    it('takes bytes in the in-memory handler too', () => {
      const handler = createHandler({ data: { tickets: 5 } });
      const body = multipart('m', {}, { name: 'document[file]', filename: 'h.bin', type: 'x/y', bytes: ALL_BYTES });
      const res = handler.handle(
        'POST',
        '/v1/spaces/big-project/documents',
        { ...AUTH, 'Content-Type': 'multipart/form-data; boundary=m' },
        body,
      );
      expect(res.status).toBe(201);
      const id = (JSON.parse(res.body as string) as WireDocument).id;
      expect(Buffer.from(handler.data.files[id], 'base64')).toEqual(Buffer.from(ALL_BYTES));
    });

    it('reads part headers as browsers and curl write them', () => {
      const text =
        'preamble\r\n--q\r\ncontent-disposition: form-data; name="document[file]"; ' +
        'filename="say \\"hi\\" é.txt"\r\n\r\n' +
        'x\r\n--q\r\nContent-Disposition: form-data; name=plain\r\n\r\nvalue é\r\n--q--';
      const parsed = parseMultipart(Buffer.from(text, 'utf8'), 'multipart/form-data; charset=utf-8; boundary=q');
      expect(parsed).toEqual({
        document: {
          file: { filename: 'say "hi" é.txt', contentType: 'application/octet-stream', bytes: Buffer.from('x') },
        },
        plain: 'value é',
      });
      expect(parseMultipart(Buffer.from(text), 'multipart/form-data')).toBeUndefined();
      expect(parseMultipart(Buffer.from('--q\r\n\r\n'), 'multipart/form-data; boundary=q')).toBeUndefined();
    });
  });
  it("takes a deleted ticket's comments, associations, tags and attachments with it", async () => {
    const t = ticket(1); // seeded with an association (to 2 and 3), a comment, a tag and all-bytes.bin
    const id = t.id;
    const s = space();
    const before = {
      comments: server.data.comments[s].filter((c) => c.ticket_id === id).length,
      associations: server.data.associations[s].filter((a) => a.ticket1_id === id || a.ticket2_id === id).length,
      documents: server.data.documents[s].filter((d) => d.ticket_id === id).length,
    };
    expect(before.comments + before.associations + before.documents).toBeGreaterThan(0);
    expect((await call(server.url, '/v1/spaces/big-project/tickets/1', { method: 'DELETE' })).status).toBe(204);
    expect(server.data.comments[s].some((c) => c.ticket_id === id)).toBe(false);
    expect(server.data.associations[s].some((a) => a.ticket1_id === id || a.ticket2_id === id)).toBe(false);
    expect(server.data.ticketTags[s].some((x) => x.ticket_id === id)).toBe(false);
    expect(server.data.documents[s].some((d) => d.ticket_id === id)).toBe(false);
    expect((await call(server.url, '/v1/spaces/big-project/tickets/2/ticket_associations')).status).toBe(204);
  });
});
