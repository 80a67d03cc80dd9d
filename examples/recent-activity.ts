// A space's recent activity: the activity stream of the last 60 days (all the API keeps), oldest
// first, and its ten latest events. One request per 50 events; with `since`, only the events down to
// it are read.
import { firstValueFrom } from 'rxjs';
import { activity } from '../lib';
import type { Example } from './support/context';
import { runAlone } from './support/connect';

export const recentActivity: Example = async ({ assembla, spaceName, print }) => {
  const events = await firstValueFrom(assembla.space({ name: spaceName }).pipe(activity()));
  print(`${events.length} events in ${spaceName} in the last 60 days; the latest:`);
  for (const e of events.slice(-10))
    print(`${e.date.toISOString().slice(0, 16)} ${e.author_name ?? 'system'} ${e.operation} ${e.object}: ${e.title}`);
};

if (require.main === module) runAlone(recentActivity);
