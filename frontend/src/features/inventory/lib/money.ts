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

/** Millions of yuan with two decimals (the English board's short form). */
export function formatMillion(yuan: string | number): string {
  return (Number(yuan) / 1_000_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** The interpolation values of the `board.money` label: 万 in Chinese, millions in English. */
export function moneyParts(yuan: string | number): { wan: string; million: string } {
  return { wan: formatWan(yuan), million: formatMillion(yuan) };
}
