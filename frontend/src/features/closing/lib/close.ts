import type { Close, CloseSummary } from '../api/closes';

export type CloseStatus = CloseSummary['status'];

/** The tag colour of each state: waiting for the site manager, for the signatures, done. */
export const STATUS_COLOR: Record<CloseStatus, string> = {
  open: 'processing',
  closed: 'gold',
  countersigned: 'green',
};

/** The board's link as the close counted it: `/board?at=` its cut-off, to the second. */
export function boardLink(close: Pick<Close, 'board_at'>): string {
  const at = new Date(close.board_at);
  at.setMilliseconds(0);
  return `/board?at=${encodeURIComponent(at.toISOString().replace('.000Z', 'Z'))}`;
}

/** Whether today's close exists in the list (then the page opens it instead of building another). */
export function closeOf(closes: readonly CloseSummary[], date: string): CloseSummary | undefined {
  return closes.find((c) => c.date === date);
}

/** The board's totals with at least one unit, in the board's status order. */
export function shownStatuses(close: Pick<Close, 'board'>): Close['board']['totals'] {
  return close.board.totals.filter((t) => t.count > 0);
}

/** The day in a time zone, YYYY-MM-DD: the project's day, never the browser's or UTC's. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
