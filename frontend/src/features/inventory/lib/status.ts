import type { StatusTotal, UnitStatus } from '../api/get-board';

/** The order of the sale, left to right in the legend. */
export const STATUS_ORDER: readonly UnitStatus[] = [
  'available',
  'reserved',
  'held',
  'subscribed',
  'contracted',
  'handed_over',
  'unreleased',
];

export interface StatusColour {
  /** Cell fill: the same colours as the board.xlsx export. */
  fill: string;
  /** Border and the legend swatch's edge. */
  edge: string;
  /** Text on the fill. */
  ink: string;
}

export const STATUS_COLOURS: Record<UnitStatus, StatusColour> = {
  unreleased: { fill: '#EDEDED', edge: '#BFBFBF', ink: '#8C8C8C' },
  available: { fill: '#C6EFCE', edge: '#52C41A', ink: '#135200' },
  held: { fill: '#D9C3E9', edge: '#9254DE', ink: '#391085' },
  reserved: { fill: '#FFEB9C', edge: '#FAAD14', ink: '#613400' },
  subscribed: { fill: '#F8CBAD', edge: '#FA8C16', ink: '#612500' },
  contracted: { fill: '#FF9999', edge: '#F5222D', ink: '#5C0011' },
  handed_over: { fill: '#BDD7EE', edge: '#1677FF', ink: '#002C8C' },
};

export interface LegendEntry extends StatusTotal {
  colour: StatusColour;
}

/**
 * The legend: every status the board reports, in sale order, with its colour, count, area and amount.
 * A status the caller is not shown (a hold, to consultants) is absent from the totals and so from here.
 */
export function legendEntries(totals: readonly StatusTotal[]): LegendEntry[] {
  const byStatus = new Map(totals.map((total) => [total.status, total]));
  return STATUS_ORDER.flatMap((status) => {
    const total = byStatus.get(status);
    return total ? [{ ...total, colour: STATUS_COLOURS[status] }] : [];
  });
}
