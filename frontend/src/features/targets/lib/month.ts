/** Months as the API writes them (YYYY-MM), in the browser's calendar. */
import dayjs from 'dayjs';

export const MONTH = 'YYYY-MM';

/** Next month: the plan a supervisor prepares before it begins. */
export function nextMonth(today = dayjs()): string {
  return today.add(1, 'month').format(MONTH);
}
