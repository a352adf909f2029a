/** Money as sales offices read it: 万元 with two decimals on the board, yuan with separators elsewhere. */
export function formatWan(yuan: string | number): string {
  const value = Number(yuan) / 10_000;
  return value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatYuan(yuan: string | number | null | undefined): string {
  if (yuan === null || yuan === undefined || yuan === '') return '—';
  return Number(yuan).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatArea(area: string | null | undefined): string {
  return area ? `${Number(area).toFixed(2)} m²` : '—';
}
