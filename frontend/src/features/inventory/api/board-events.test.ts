import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { priceListKeys, unitKeys } from '@/lib/query-keys';
import { applyUnitEvent, handleBoardEvent, parseSse, type UnitChangedEvent } from './board-events';
import type { Board } from './get-board';

function board(): Board {
  const cell = (id: string, status: 'available' | 'reserved', version: number) => ({
    id,
    code: id,
    kind: 'residence' as const,
    entrance: '1',
    floor: 2,
    position: 1,
    layout: null,
    gross_area: '90.00',
    orientation: null,
    status,
    price: '1000000.00',
    unit_price: '11111.11',
    version,
  });
  return {
    project_id: 'p1',
    generated_at: '2026-11-25T00:00:00Z',
    as_of: null,
    totals: [],
    buildings: [
      { id: 'b1', name: '1号楼', columns: [{ entrance: '1', position: 1 }], totals: [], floors: [{ floor: 2, cells: [cell('u1', 'available', 3)] }] },
      { id: 'b2', name: '2号楼', columns: [{ entrance: '1', position: 1 }], totals: [], floors: [{ floor: 2, cells: [cell('u2', 'available', 1), null] }] },
    ],
  };
}

const reserved: UnitChangedEvent = {
  type: 'unit.status_changed',
  project_id: 'p1',
  unit_id: 'u1',
  building_id: 'b1',
  code: 'u1',
  from: 'available',
  to: 'reserved',
  version: 4,
};

describe('parsing the event stream', () => {
  it('splits complete messages and keeps the rest for the next chunk', () => {
    const { messages, rest } = parseSse(
      'event: ready\ndata: {"project_id":"p1"}\n\n: keep-alive\n\nid: 1\nevent: unit.status_changed\ndata: {"a":1}\n\nevent: unit.sta',
    );
    expect(messages).toEqual([
      { event: 'ready', data: '{"project_id":"p1"}', id: undefined },
      { event: 'unit.status_changed', data: '{"a":1}', id: '1' },
    ]);
    expect(rest).toBe('event: unit.sta');
  });
});

describe('a unit change on the cached board', () => {
  it('changes that cell only and keeps every other object', () => {
    const before = board();
    const after = applyUnitEvent(before, reserved);
    expect(after.buildings[0]!.floors[0]!.cells[0]).toMatchObject({ status: 'reserved', version: 4 });
    expect(after.buildings[1]).toBe(before.buildings[1]);
    expect(before.buildings[0]!.floors[0]!.cells[0]!.status).toBe('available'); // not mutated
  });

  it('ignores an event older than the cell and one for an unknown unit', () => {
    const before = board();
    expect(applyUnitEvent(before, { ...reserved, version: 2 })).toBe(before);
    expect(applyUnitEvent(before, { ...reserved, unit_id: 'nope' })).toBe(before);
  });

  it('patches the board query at once and refetches it', () => {
    const queryClient = new QueryClient();
    const key = unitKeys.board('p1');
    queryClient.setQueryData(key, board());
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');

    handleBoardEvent(queryClient, 'p1', { event: 'unit.status_changed', data: JSON.stringify(reserved) });

    const cached = queryClient.getQueryData<Board>(key)!;
    expect(cached.buildings[0]!.floors[0]!.cells[0]!.status).toBe('reserved');
    expect(invalidate).toHaveBeenCalledWith({ queryKey: key, exact: true });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: unitKeys.history('u1') });
  });

  it('refetches the board and the price lists when a price list takes effect', () => {
    const queryClient = new QueryClient();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    handleBoardEvent(queryClient, 'p1', { event: 'prices.changed', data: '{"project_id":"p1","changed":3}' });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: unitKeys.board('p1'), exact: true });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: priceListKeys.ofProject('p1') });
  });

  it('does nothing on the ready event and survives a bad payload', () => {
    const queryClient = new QueryClient();
    const key = unitKeys.board('p1');
    const before = board();
    queryClient.setQueryData(key, before);
    handleBoardEvent(queryClient, 'p1', { event: 'ready', data: '{}' });
    handleBoardEvent(queryClient, 'p1', { event: 'unit.status_changed', data: 'not json' });
    expect(queryClient.getQueryData(key)).toBe(before);
  });
});
