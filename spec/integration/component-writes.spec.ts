// Component writes over real HTTP: the one write whose body is a bare value, `{"component": "name"}`
// (digest §11), not a Rails-wrapped object; checked on the wire through a capturing proxy.
import { concatMap, firstValueFrom, lastValueFrom, shareReplay, take } from 'rxjs';
import { API, ValidationError, components, createComponent, deleteComponent, updateComponent } from '../../lib';
import { startCapture, type Capture } from '../support/capture';
import { KEY_AUTH, fail, useLocalServer } from '../support/local';

describe('component writes', () => {
  const local = useLocalServer({ data: { tickets: 20 } }, 'test');
  let capture: Capture;
  beforeEach(async () => {
    expect.hasAssertions();
    capture = await startCapture(local.server.url);
  });
  afterEach(() => capture.close());

  const setup = () => {
    const api = new API({ auth: KEY_AUTH, baseUrl: capture.url });
    const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
    const onServer = async () => local.server.data.components[(await firstValueFrom(space$)).id];
    return { space$, onServer };
  };
  const writes = () => capture.requests.filter((r) => r.method !== 'GET');

  it('creates, renames and deletes with a bare name, and the cached list follows without a re-read', async () => {
    const { space$, onServer } = setup();
    const before = await firstValueFrom(space$.pipe(components()));
    const made = await lastValueFrom(space$.pipe(createComponent({ name: 'Mobile' })));
    expect(made).toMatchObject({ name: 'Mobile' });
    expect((await onServer()).map((c) => c.name)).toEqual([...before.map((c) => c.name), 'Mobile']);

    const renamed = await lastValueFrom(
      space$.pipe(
        components(),
        concatMap((cs) => cs.filter((c) => c.id === made.id)),
        take(1),
        updateComponent({ name: 'Phones' }),
      ),
    );
    expect(renamed).toMatchObject({ id: made.id, name: 'Phones' });
    const gets = capture.requests.filter((r) => r.method === 'GET').length;
    const cached = await firstValueFrom(space$.pipe(components()));
    expect(cached.map((c) => c.name)).toEqual([...before.map((c) => c.name), 'Phones']);

    const gone = await lastValueFrom(
      space$.pipe(
        components(),
        concatMap((cs) => cs.filter((c) => c.id === made.id)),
        deleteComponent(),
      ),
    );
    expect(gone.id).toBe(made.id);
    expect((await firstValueFrom(space$.pipe(components()))).map((c) => c.id)).not.toContain(made.id);
    expect(await onServer()).toHaveLength(before.length);
    // The cached list answered every read after the first: no GET of the list again.
    expect(capture.requests.filter((r) => r.method === 'GET' && /ticket_components$/.test(r.path))).toHaveLength(1);
    expect(capture.requests.filter((r) => r.method === 'GET').length - gets).toBe(0);

    const space = await firstValueFrom(space$);
    expect(writes().map((r) => [r.method, r.path, r.body === '' ? undefined : JSON.parse(r.body)])).toEqual([
      ['POST', `/v1/spaces/${space.id}/ticket_components`, { component: 'Mobile' }],
      ['PUT', `/v1/spaces/${space.id}/ticket_components/${made.id}`, { component: 'Phones' }],
      ['DELETE', `/v1/spaces/${space.id}/ticket_components/${made.id}`, undefined],
    ]);
  });

  it('a name the space has is a ValidationError with the server’s fields', async () => {
    const { space$ } = setup();
    const [first] = await firstValueFrom(space$.pipe(components()));
    const error = await fail(lastValueFrom(space$.pipe(createComponent({ name: first.name }))));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ name: ['has already been taken'] });
  });
});
