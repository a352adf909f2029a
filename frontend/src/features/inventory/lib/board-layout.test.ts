import { describe, expect, it } from 'vitest';
import type { BoardBuilding, BoardCell } from '../api/get-board';
import { buildGrid, layoutsOf, matchesFilters, NO_FILTERS } from './board-layout';

function cell(code: string, floor: number, position: number, extra: Partial<BoardCell> = {}): BoardCell {
  return {
    id: `id-${code}`,
    code,
    kind: 'residence',
    entrance: position <= 2 ? '1' : '2',
    floor,
    position,
    layout: '三室两厅',
    gross_area: '100.00',
    orientation: '南',
    status: 'available',
    price: '3000000.00',
    unit_price: '30000.00',
    version: 1,
    ...extra,
  };
}

const building: BoardBuilding = {
  id: 'b1',
  name: '1号楼',
  columns: [
    { entrance: '1', position: 1 },
    { entrance: '1', position: 2 },
    { entrance: '2', position: 3 },
  ],
  // Deliberately bottom-up and with holes: the grid must not trust the order or the row lengths.
  floors: [
    { floor: 1, cells: [cell('1-1-101', 1, 1), null, cell('1-2-103', 1, 3)] },
    { floor: 3, cells: [cell('1-1-301', 3, 1)] },
    { floor: 2, cells: [null, cell('1-1-202', 2, 2, { layout: '两室一厅' }), null] },
  ],
  totals: [],
};

describe('the board grid', () => {
  it('puts the highest floor on top', () => {
    expect(buildGrid(building).rows.map((row) => row.floor)).toEqual([3, 2, 1]);
  });

  it('gives every floor one cell per column, null where there is no unit', () => {
    const rows = buildGrid(building).rows;
    for (const row of rows) expect(row.cells).toHaveLength(3);
    expect(rows[0]!.cells.map((c) => c?.code ?? null)).toEqual(['1-1-301', null, null]);
    expect(rows[1]!.cells.map((c) => c?.code ?? null)).toEqual([null, '1-1-202', null]);
    expect(rows[2]!.cells.map((c) => c?.code ?? null)).toEqual(['1-1-101', null, '1-2-103']);
  });

  it('groups the columns by entrance for the header', () => {
    expect(buildGrid(building).entrances).toEqual([
      { entrance: '1', span: 2 },
      { entrance: '2', span: 1 },
    ]);
  });

  it('copes with a building without units', () => {
    expect(buildGrid({ ...building, columns: [], floors: [] })).toEqual({ columns: [], entrances: [], rows: [] });
  });

  it('lists the layouts for the filter', () => {
    expect(layoutsOf([building])).toEqual(['三室两厅', '两室一厅'].sort());
  });
});

describe('the filters', () => {
  const unit = cell('1-1-1502', 15, 2, { status: 'reserved', price: '4500000.00', layout: '四室' });

  it('let everything through when empty', () => {
    expect(matchesFilters(unit, NO_FILTERS)).toBe(true);
  });

  it('match on status, layout, price in 万元 and floor range', () => {
    expect(matchesFilters(unit, { ...NO_FILTERS, statuses: ['available'] })).toBe(false);
    expect(matchesFilters(unit, { ...NO_FILTERS, statuses: ['available', 'reserved'] })).toBe(true);
    expect(matchesFilters(unit, { ...NO_FILTERS, layouts: ['三室两厅'] })).toBe(false);
    expect(matchesFilters(unit, { ...NO_FILTERS, priceMin: 450, priceMax: 450 })).toBe(true);
    expect(matchesFilters(unit, { ...NO_FILTERS, priceMax: 449.99 })).toBe(false);
    expect(matchesFilters(unit, { ...NO_FILTERS, floorMin: 10, floorMax: 15 })).toBe(true);
    expect(matchesFilters(unit, { ...NO_FILTERS, floorMin: 16 })).toBe(false);
  });
});
