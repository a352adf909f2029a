import { describe, expect, it } from 'vitest';
import { boardLink, closeOf, shownStatuses } from './close';

describe('boardLink', () => {
  it("opens the board at the close's cut-off, to the second, in UTC", () => {
    expect(boardLink({ board_at: '2026-12-02T15:59:59.999999Z' })).toBe('/board?at=2026-12-02T15%3A59%3A59Z');
    expect(boardLink({ board_at: '2026-12-03T10:00:00+08:00' })).toBe('/board?at=2026-12-03T02%3A00%3A00Z');
  });
});

describe('closeOf', () => {
  it("finds the day's close", () => {
    const closes = [{ date: '2026-12-03', id: 'a' }, { date: '2026-12-02', id: 'b' }] as never[];
    expect(closeOf(closes, '2026-12-02')).toMatchObject({ id: 'b' });
    expect(closeOf(closes, '2026-12-01')).toBeUndefined();
  });
});

describe('shownStatuses', () => {
  it('leaves out the statuses without units', () => {
    const board = {
      buildings: [],
      totals: [
        { status: 'available', count: 2, gross_area: '200.00', amount: '1.00' },
        { status: 'held', count: 0, gross_area: '0.00', amount: '0.00' },
      ],
    };
    expect(shownStatuses({ board }).map((t) => t.status)).toEqual(['available']);
  });
});
