// Type tests: each `@ts-expect-error` line must fail to compile, every other line must compile.
// Checked by `npm run typecheck` (tsconfig.json: strict); never run (jest looks for *.spec.ts only).
import * as http from 'node:http';
import * as https from 'node:https';
import type { Observable } from 'rxjs';
import {
  API,
  activity,
  milestone,
  ticket,
  user,
  type ActivityEvent,
  type AgentLike,
  type Milestone,
  type ReadonlyDate,
  type RequestEvent,
  type Space,
  type SpaceData,
  type Ticket,
  type User,
  type XHRLike,
} from '../../lib';

declare const api: API;
declare const space: Space;
declare const t: Ticket;
declare const m: Milestone;
declare const u: User;

export function entitiesAreDeeplyReadonly(): void {
  // @ts-expect-error a ticket is frozen
  t.summary = 'changed';
  // @ts-expect-error so is every field, dates too
  t.created_on = new Date();
  // @ts-expect-error and nested objects
  t.custom_fields['Team'] = 'x';
  // @ts-expect-error a milestone's fields
  m.title = 'changed';
  // @ts-expect-error a user's nested handle
  if (u.im) u.im.id = 'x';
  // @ts-expect-error a space's fields
  space.name = 'changed';
  const summary: string = t.summary;
  void summary;
}

export function datesHaveNoSetters(): void {
  // @ts-expect-error setters throw at run time
  t.created_on.setTime(0);
  // @ts-expect-error every one of them
  t.updated_at.setUTCFullYear(2000);
  // @ts-expect-error nullable dates too
  t.completed_date?.setHours(0);
  // @ts-expect-error a plain Date is not a ReadonlyDate (it can change)
  const frozen: ReadonlyDate = new Date();
  void frozen;
  // Reading works, and a ReadonlyDate goes where a Date is read.
  const ms: number = t.created_on.getTime();
  const copy: Date = new Date(t.created_on);
  copy.setTime(ms);
  const asDate: Date = m.created_at;
  void asDate;
}

export function aSpreadSpaceIsNotASpace(): void {
  // @ts-expect-error the non-enumerable cache handle is not copied
  const copy: Space = { ...space };
  const data: SpaceData = { ...space };
  // @ts-expect-error a copy has no cache
  void { ...space }.cache;
  space.cache.purge();
  void copy;
  void data;
}

export function filters(): Observable<unknown>[] {
  return [
    // @ts-expect-error `cache` is not a field to filter on
    api.space({ cache: space.cache }),
    // @ts-expect-error nor for the list
    api.spaces({ cache: space.cache }),
    // @ts-expect-error a singular query needs something to find by
    api.space({}),
    // @ts-expect-error a singular query needs a filter
    api.space(),
    // @ts-expect-error undefined is no value to find by
    api.space({ name: undefined }),
    api.space({ name: 'Big Project' }),
    api.space({ created_at: space.created_at }),
    api.spaces(),
    api.spaces({}),
    // @ts-expect-error a singular query needs something to find by
    api.space({ name: 'x' }).pipe(ticket({})),
    // @ts-expect-error a typo is no field
    api.space({ name: 'x' }).pipe(ticket({ numbr: 201 })),
    // @ts-expect-error a wrong value type
    api.space({ name: 'x' }).pipe(ticket({ number: '201' })),
    api.space({ name: 'x' }).pipe(ticket({ number: 201 })),
    api.space({ name: 'x' }).pipe(ticket({ custom_fields: { Team: 'A' }, created_on: new Date(0) })),
    // @ts-expect-error a singular query needs something to find by
    api.space({ name: 'x' }).pipe(user({})),
    api.space({ name: 'x' }).pipe(user({ login: 'dev1' })),
    // @ts-expect-error a singular query needs something to find by
    api.space({ name: 'x' }).pipe(milestone({})),
    api.space({ name: 'x' }).pipe(milestone('Backlog')),
    api.space({ name: 'x' }).pipe(milestone({ title: 'Backlog' })),
  ];
}

export function requestEventsAreAUnion(e: RequestEvent): number {
  // @ts-expect-error only an `end` has a status
  void e.status;
  switch (e.type) {
    case 'start':
      // @ts-expect-error a start event has no duration
      return e.durationMs;
    case 'end': {
      const error: string | undefined = e.error;
      void error;
      return e.status + e.durationMs;
    }
    case 'retry': {
      const error: string = e.error;
      void error;
      return e.delayMs;
    }
    case 'dedupe':
      // @ts-expect-error only a retry or a poll event has a delay
      return e.delayMs;
    case 'poll': {
      const space: string | undefined = e.spaceId;
      void space;
      return e.delayMs + e.attempt;
    }
  }
}

export function transportOptions(): API[] {
  const agent: AgentLike = new https.Agent({ keepAlive: true });
  const xhr = (): XHRLike => ({}) as XHRLike;
  return [
    new API({ auth: { token: 't' }, agent, headers: { 'User-Agent': 'my-app/1.2' }, createXHR: xhr }),
    new API({ auth: { token: 't' }, baseUrl: 'http://127.0.0.1:1', agent: new http.Agent() }),
    // @ts-expect-error header values are strings
    new API({ auth: { token: 't' }, headers: { 'X-Retries': 3 } }),
    // @ts-expect-error an agent is an object
    new API({ auth: { token: 't' }, agent: 'proxy.example:8080' }),
  ];
}

export function activityTypes(): Observable<ActivityEvent[]>[] {
  const space$: Observable<Space> = api.space({ name: 'x' });
  const ticket$: Observable<Ticket> = space$.pipe(ticket({ number: 1 }));
  const when: Date = new Date(0);
  const emitted: Observable<ActivityEvent[]> = api.activity();
  emitted.subscribe((events) => {
    const at: Date = events[0].date;
    const id: string = events[0].object_id;
    void [at, id];
    // @ts-expect-error events are frozen
    events[0].title = 'x';
  });
  return [
    api.activity({ since: when, until: when }),
    api.activity({ since: when, space }),
    api.activity({ space: 'space-id' }),
    // @ts-expect-error since is a Date, not a string
    api.activity({ since: '2024-08-01' }),
    // @ts-expect-error no such option
    api.activity({ from: when }),
    space$.pipe(activity()),
    space$.pipe(activity({ since: when })),
    // @ts-expect-error a space's activity: no space option on the operator
    space$.pipe(activity({ space })),
    // @ts-expect-error the operator takes a space, not a ticket
    ticket$.pipe(activity()),
  ];
}
