/** Money as the board shows it: 万元 (Chinese) or millions (English), exact (src/lib/money.ts). */
import { formatMillion, formatMoney, formatWan } from '@/lib/money';

/** Yuan with separators and two decimals, no symbol; "—" when there is none. */
export function formatYuan(yuan: string | null | undefined): string {
  return formatMoney(yuan, { symbol: false });
}

export function formatArea(area: string | null | undefined): string {
  return area ? `${Number(area).toFixed(2)} m²` : '—';
}

/** The interpolation values of the `board.money` label: 万 in Chinese, millions in English. */
export function moneyParts(yuan: string): { wan: string; million: string } {
  return { wan: formatWan(yuan).replace(/万$/, ''), million: formatMillion(yuan) };
}
