import { exportTickets } from '../../examples/export';
import { useLocalServer } from '../support/local';
import { collect } from '../support/sink';

describe('the streaming export example', () => {
  const local = useLocalServer({ data: { tickets: 700 } });
  beforeEach(() => expect.hasAssertions());

  it('writes every ticket as one NDJSON line, in order, with progress on the side', async () => {
    const out = collect();
    const progress = collect();
    const n = await exportTickets(
      { assembla: local.api(), spaceName: 'Big Project', print: () => undefined },
      out,
      'ndjson',
      progress,
    );
    const lines = out.text().trimEnd().split('\n');
    expect(n).toBe(700);
    expect(lines).toHaveLength(700);
    expect(lines.map((l) => (JSON.parse(l) as { number: number }).number)).toEqual(
      Array.from({ length: 700 }, (_, i) => i + 1),
    );
    expect(progress.text()).toMatch(/pages read: \d+, done/);
  });

  it('writes CSV with a header and quoted cells', async () => {
    const out = collect();
    await exportTickets({ assembla: local.api(), spaceName: 'Big Project', print: () => undefined }, out, 'csv');
    const [header, first] = out.text().split('\n');
    expect(header).toBe('number,summary,status,priority,assigned_to_id,milestone_id,created_on,updated_at');
    expect(first).toMatch(/^1,/);
    expect(out.text().trimEnd().split('\n')).toHaveLength(701);
  });
});
