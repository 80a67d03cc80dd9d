// Document downloads over real HTTP: the bytes as recorded (octet-stream, attachment), and the
// redirect mode, where file storage refuses any Assembla credential the way S3 refuses a foreign
// Authorization header.
import {
  ALL_BYTES_NAME,
  DEFAULT_CREDENTIALS,
  startServer,
  type RunningServer,
  type WireDocument,
} from '../../lib/testing';
import { AUTH } from './helpers';

const ALL_BYTES = Array.from({ length: 256 }, (_, i) => i);

function allBytesDoc(server: RunningServer): WireDocument {
  return server.data.documents[server.data.spaces[0].id].find((d) => d.name === ALL_BYTES_NAME)!;
}

describe('local server: document downloads', () => {
  beforeEach(() => expect.hasAssertions());

  describe('direct (default)', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer({ data: { tickets: 5 } });
    });
    afterAll(() => server.stop());

    it('sends the file’s bytes, every value 0..255 in order, as an attachment', async () => {
      const doc = allBytesDoc(server);
      for (const suffix of ['', '.json']) {
        const res = await fetch(`${server.url}/v1/spaces/big-project/documents/${doc.id}/download${suffix}`, {
          headers: AUTH,
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/octet-stream');
        expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${ALL_BYTES_NAME}"`);
        expect(res.headers.get('content-length')).toBe('256');
        expect([...new Uint8Array(await res.arrayBuffer())]).toEqual(ALL_BYTES);
      }
    });

    it('needs credentials, and answers 404 for an unknown document', async () => {
      const doc = allBytesDoc(server);
      expect((await fetch(`${server.url}/v1/spaces/big-project/documents/${doc.id}/download`)).status).toBe(401);
      const unknown = await fetch(`${server.url}/v1/spaces/big-project/documents/nope/download`, { headers: AUTH });
      expect(unknown.status).toBe(404);
    });
  });

  describe('redirect', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer({ data: { tickets: 5 }, downloads: 'redirect' });
    });
    afterAll(() => server.stop());

    it('answers 302 to file storage on the same server, outside /v1', async () => {
      const doc = allBytesDoc(server);
      const res = await fetch(`${server.url}/v1/spaces/big-project/documents/${doc.id}/download`, {
        headers: AUTH,
        redirect: 'manual',
      });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`${server.url}/files/${doc.id}/${ALL_BYTES_NAME}`);
    });

    it('storage sends the bytes to a request without credentials', async () => {
      const doc = allBytesDoc(server);
      const res = await fetch(`${server.url}/files/${doc.id}/${ALL_BYTES_NAME}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${ALL_BYTES_NAME}"`);
      expect([...new Uint8Array(await res.arrayBuffer())]).toEqual(ALL_BYTES);
      expect((await fetch(`${server.url}/files/nope/x.bin`)).status).toBe(404);
    });

    it('storage answers 400 to any Assembla credential header', async () => {
      const doc = allBytesDoc(server);
      const url = `${server.url}/files/${doc.id}/${ALL_BYTES_NAME}`;
      for (const headers of [
        AUTH,
        { 'X-Api-Key': DEFAULT_CREDENTIALS.key },
        { 'X-Api-Secret': DEFAULT_CREDENTIALS.secret },
        { Authorization: `Bearer ${DEFAULT_CREDENTIALS.token}` },
      ]) {
        const res = await fetch(url, { headers });
        expect([Object.keys(headers).join(), res.status]).toEqual([Object.keys(headers).join(), 400]);
      }
    });

    it('a client that follows the redirect with the credentials fails; without them it gets the bytes', async () => {
      const doc = allBytesDoc(server);
      const followed = await fetch(`${server.url}/v1/spaces/big-project/documents/${doc.id}/download`, {
        headers: AUTH,
      });
      expect(followed.status).toBe(400); // fetch forwards the headers on a same-origin redirect
      expect(server.stats.byEndpoint['GET /files/:document/:filename']).toBeGreaterThan(0);
    });
  });
});
