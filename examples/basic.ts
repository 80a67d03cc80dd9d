// Seed README, "Basic Example":
//   print assembla.space(name='Big Project').ticket(number=201).status_name
import { firstValueFrom } from 'rxjs';
import { ticket } from '../lib';
import type { Example } from './support/context';
import { runAlone } from './support/connect';

export const basic: Example = async ({ assembla, spaceName, print }) => {
  const t = await firstValueFrom(assembla.space({ name: spaceName }).pipe(ticket({ number: 201 })));
  print(t.status_name);
};

if (require.main === module) runAlone(basic);
