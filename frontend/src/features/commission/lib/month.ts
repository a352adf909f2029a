/** Months as the API writes them (YYYY-MM), in the browser's calendar. */
import dayjs, { type Dayjs } from 'dayjs';

export const MONTH = 'YYYY-MM';

/** Last month: the one a statement is usually settled for. */
export function lastMonth(today: Dayjs = dayjs()): string {
  return today.subtract(1, 'month').format(MONTH);
}

export function thisMonth(today: Dayjs = dayjs()): string {
  return today.format(MONTH);
}

export function monthValue(month: string): Dayjs {
  return dayjs(`${month}-01`);
}
