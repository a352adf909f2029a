import { describe, expect, it, vi } from 'vitest';
import { allPages } from './all-pages';

describe('allPages', () => {
  it('follows next_cursor to the end, so a list past 200 is whole', async () => {
    const pages: Record<string, { items: number[]; next_cursor: string | null }> = {
      start: { items: [1, 2], next_cursor: 'b' },
      b: { items: [3], next_cursor: 'c' },
      c: { items: [4], next_cursor: null },
    };
    const fetchPage = vi.fn(async (cursor: string | undefined) => pages[cursor ?? 'start']!);
    expect(await allPages(fetchPage)).toEqual([1, 2, 3, 4]);
    expect(fetchPage.mock.calls.map(([c]) => c)).toEqual([undefined, 'b', 'c']);
  });

  it('stops at the cap', async () => {
    const fetchPage = vi.fn(async () => ({ items: [1, 2, 3], next_cursor: 'more' }));
    expect(await allPages(fetchPage, 5)).toHaveLength(6);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });
});
