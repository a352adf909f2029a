import type { BoardBuilding, BoardCell, UnitStatus } from '../api/get-board';

export interface GridColumn {
  entrance: string;
  position: number;
}

export interface GridRow {
  floor: number;
  /** One per column, `null` where the floor has no unit at that position. */
  cells: (BoardCell | null)[];
}

export interface EntranceGroup {
  entrance: string;
  span: number;
}

export interface BoardGrid {
  columns: GridColumn[];
  entrances: EntranceGroup[];
  rows: GridRow[];
}

/** Floors × positions of one building: highest floor on top, every row as wide as the columns. */
export function buildGrid(building: BoardBuilding): BoardGrid {
  const columns = building.columns.map(({ entrance, position }) => ({ entrance, position }));
  const rows = [...building.floors]
    .sort((a, b) => b.floor - a.floor)
    .map((floor) => {
      const cells: (BoardCell | null)[] = columns.map((_, index) => (floor.cells[index] as BoardCell | null) ?? null);
      return { floor: floor.floor, cells };
    });
  const entrances: EntranceGroup[] = [];
  for (const column of columns) {
    const last = entrances[entrances.length - 1];
    if (last !== undefined && last.entrance === column.entrance) last.span += 1;
    else entrances.push({ entrance: column.entrance, span: 1 });
  }
  return { columns, entrances, rows };
}

export interface BoardFilters {
  statuses: UnitStatus[];
  layouts: string[];
  priceMin: number | null;
  priceMax: number | null;
  floorMin: number | null;
  floorMax: number | null;
}

export const NO_FILTERS: BoardFilters = {
  statuses: [],
  layouts: [],
  priceMin: null,
  priceMax: null,
  floorMin: null,
  floorMax: null,
};

export function hasFilters(filters: BoardFilters): boolean {
  return (
    filters.statuses.length > 0 ||
    filters.layouts.length > 0 ||
    filters.priceMin !== null ||
    filters.priceMax !== null ||
    filters.floorMin !== null ||
    filters.floorMax !== null
  );
}

/** Whether a cell passes the filters (prices in 万元, as the filter bar asks for them). */
export function matchesFilters(cell: BoardCell, filters: BoardFilters): boolean {
  if (filters.statuses.length > 0 && !filters.statuses.includes(cell.status)) return false;
  if (filters.layouts.length > 0 && !filters.layouts.includes(cell.layout ?? '')) return false;
  const wan = Number(cell.price) / 10_000;
  if (filters.priceMin !== null && wan < filters.priceMin) return false;
  if (filters.priceMax !== null && wan > filters.priceMax) return false;
  if (filters.floorMin !== null && cell.floor < filters.floorMin) return false;
  if (filters.floorMax !== null && cell.floor > filters.floorMax) return false;
  return true;
}

/** The layouts found on a board, for the filter's choices. */
export function layoutsOf(buildings: readonly BoardBuilding[]): string[] {
  const layouts = new Set<string>();
  for (const building of buildings)
    for (const floor of building.floors) for (const cell of floor.cells) if (cell?.layout) layouts.add(cell.layout);
  return [...layouts].sort();
}
