// "File a bug with a log attached" (the writes issue, item 9): the ticket, the log attached to it,
// and a comment that quotes the log's last line. A POST whose answer is lost may have landed: the
// bug is looked up before it is filed again, so it is never filed twice.
import { Observable, catchError, concatMap, firstValueFrom, of, shareReplay, throwError } from 'rxjs';
import { Ticket, UncertainWriteError, addComment, attachFile, createTicket } from '../lib';
import { writing, type Example } from './support/context';
import { runAlone } from './support/connect';

/** What a lost answer left unknown, settled: the ticket the server made, else the error. */
const settled = (t$: Observable<Ticket>): Observable<Ticket> =>
  t$.pipe(
    catchError((e: unknown) =>
      e instanceof UncertainWriteError
        ? (e as UncertainWriteError<Ticket>)
            .lookup()
            .pipe(concatMap((found) => (found ? of(found) : throwError(() => e))))
        : throwError(() => e),
    ),
  );

export const fileBug: Example = writing(async ({ assembla, spaceName, print }) => {
  const space$ = assembla.space({ name: spaceName }).pipe(shareReplay(1));
  const log = 'INFO  saving report.pdf (2.4 MB)\nERROR save failed: ENOSPC, no space left on device\n';

  const bug = await firstValueFrom(
    space$.pipe(
      createTicket({
        summary: 'Crash on save when the disk is full',
        description: 'Saving a report on a full disk closes the app. The log is attached.',
        priority: 2,
      }),
      settled,
    ),
  );
  print(`filed #${bug.number} "${bug.summary}" [${bug.status}, priority ${bug.priority}]`);

  // The log's exact bytes, as one multipart body (a pooled Buffer sends its own bytes only).
  const file = await firstValueFrom(of(bug).pipe(attachFile({ name: 'save.log', data: Buffer.from(log) })));
  print(`attached ${file.name} (${file.filesize} bytes)`);

  const lastLine = log.trimEnd().split('\n').at(-1);
  const comment = await firstValueFrom(of(bug).pipe(addComment(`Log: save.log, ending with "${lastLine}"`)));
  print(`commented on #${bug.number}: ${comment.comment}`);
});

if (require.main === module) runAlone(fileBug);
