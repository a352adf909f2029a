import type { PriceListItem } from '../api/get-price-lists';

export interface CompareRow {
  unitId: string;
  code: string;
  left: string | null;
  right: string | null;
}

/** Both versions' prices per unit, in unit-code order. */
export function compareVersions(left: readonly PriceListItem[], right: readonly PriceListItem[]): CompareRow[] {
  const rows = new Map<string, CompareRow>();
  for (const item of left) rows.set(item.unit_id, { unitId: item.unit_id, code: item.code, left: item.list_price, right: null });
  for (const item of right) {
    const row = rows.get(item.unit_id);
    if (row) row.right = item.list_price;
    else rows.set(item.unit_id, { unitId: item.unit_id, code: item.code, left: null, right: item.list_price });
  }
  return [...rows.values()].sort((a, b) => a.code.localeCompare(b.code, 'zh-CN', { numeric: true }));
}
