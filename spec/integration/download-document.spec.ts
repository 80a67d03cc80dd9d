// `download()` over real HTTP against the local server: a document's bytes exactly (the seeded
// all-bytes.bin holds 0..255), straight or through the server's redirect to file storage, which
// refuses any Assembla credential (so a test passes only if none followed the redirect).
import { concatAll, firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { NotFoundError, UnboundEntityError, attachments, download, spaceDocument, ticket } from '../../lib';
import { ALL_BYTES_NAME } from '../../lib/testing';
import { useLocalServer } from '../support/local';

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

describe.each(['direct', 'redirect'] as const)('download() with downloads: %s', (downloads) => {
  const local = useLocalServer({ data: { tickets: 20 }, downloads });
  beforeEach(() => expect.hasAssertions());
  const big = () => local.api().space({ name: 'Big Project' });

  it('gives the document its 256 byte values, in order, from a space document', async () => {
    const bytes = await firstValueFrom(big().pipe(spaceDocument({ name: ALL_BYTES_NAME }), download()));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(bytes)).toEqual(Array.from(ALL_BYTES));
  });

  it('downloads an attachment of a ticket, each download its own request (nothing cached)', async () => {
    const api = local.api();
    const ticket$ = api.space({ name: 'Big Project' }).pipe(ticket({ number: 1 }));
    const file$ = ticket$.pipe(attachments(), concatAll(), download());
    await firstValueFrom(file$);
    const before = local.count('GET /spaces/:space/documents/:document/download');
    const [bytes] = await lastValueFrom(file$.pipe(toArray()));
    expect(Array.from(bytes)).toEqual(Array.from(ALL_BYTES));
    expect(local.count('GET /spaces/:space/documents/:document/download') - before).toBe(1);
  });
});

describe('download() refusals', () => {
  const local = useLocalServer({ data: { tickets: 20 } });
  beforeEach(() => expect.hasAssertions());

  it('takes only documents', async () => {
    const piped = firstValueFrom(
      local
        .api()
        .space({ name: 'Big Project' })
        .pipe(ticket({ number: 1 }), download() as never),
    );
    await expect(piped).rejects.toThrow(UnboundEntityError);
  });

  it('says a document that is gone is not found (404)', async () => {
    const api = local.api();
    const doc = await firstValueFrom(api.space({ name: 'Big Project' }).pipe(spaceDocument({ name: ALL_BYTES_NAME })));
    const space = local.server.data.spaces[0].id;
    const docs = local.server.data.documents[space];
    docs.splice(
      docs.findIndex((d) => d.id === doc.id),
      1,
    );
    const error = await firstValueFrom(
      api.space({ name: 'Big Project' }).pipe(spaceDocument({ id: doc.id }), download()),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
