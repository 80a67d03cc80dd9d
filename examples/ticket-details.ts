// A ticket with everything around it: its comments (oldest first), tags, attachments and
// associations, read together once the ticket is known (one request each, in parallel).
import { firstValueFrom, forkJoin, shareReplay } from 'rxjs';
import { associations, attachments, comments, tags, ticket } from '../lib';
import type { Example } from './support/context';
import { runAlone } from './support/connect';

export const ticketDetails: Example = async ({ assembla, spaceName, print }) => {
  const ticket$ = assembla.space({ name: spaceName }).pipe(ticket({ number: 1 }), shareReplay(1));
  const details = await firstValueFrom(
    forkJoin({
      ticket: ticket$,
      comments: ticket$.pipe(comments()),
      tags: ticket$.pipe(tags()),
      attachments: ticket$.pipe(attachments()),
      associations: ticket$.pipe(associations()),
    }),
  );
  const t = details.ticket;
  print(`#${t.number} ${t.summary} [${t.status_name}]`);
  print(`tags: ${details.tags.map((g) => g.name).join(', ') || '(none)'}`);
  for (const c of details.comments.filter((c) => c.comment !== ''))
    print(`comment ${c.created_on.toISOString().slice(0, 16)}: ${c.comment}`);
  for (const d of details.attachments) print(`attachment: ${d.name} (${d.filesize} bytes, ${d.content_type})`);
  for (const a of details.associations) {
    const other = a.ticket1_id === t.id ? a.ticket2_id : a.ticket1_id;
    print(`association: relationship ${a.relationship} with ticket id ${other}`);
  }
};

if (require.main === module) runAlone(ticketDetails);
