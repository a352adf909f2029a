import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import type { BoardBuilding, BoardCell } from '../api/get-board';
import { NO_FILTERS } from '../lib/board-layout';
import { STATUS_COLOURS } from '../lib/status';
import { BoardGrid } from './board-grid';
import { BoardLegend } from './board-legend';

function cell(code: string, floor: number, position: number, status: BoardCell['status']): BoardCell {
  return {
    id: code,
    code,
    kind: 'residence',
    entrance: '1',
    floor,
    position,
    layout: '两室',
    gross_area: '89.00',
    orientation: null,
    status,
    price: '3524400.00',
    unit_price: '39600.00',
    version: 1,
  };
}

const building: BoardBuilding = {
  id: 'b',
  name: '3号楼',
  columns: [
    { entrance: '1', position: 1 },
    { entrance: '1', position: 2 },
  ],
  floors: [
    { floor: 1, cells: [cell('3-1-0101', 1, 1, 'available'), cell('3-1-0102', 1, 2, 'contracted')] },
    { floor: 2, cells: [cell('3-1-0201', 2, 1, 'reserved'), null] },
  ],
  totals: [],
};

describe('<BoardGrid>', () => {
  it('draws the top floor first, a blank where a floor has no unit, each cell in its status colour', () => {
    renderWithProviders(<BoardGrid building={building} filters={NO_FILTERS} onOpen={() => {}} />);
    const rows = screen.getAllByRole('row').slice(2); // two header rows
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['2层', '1层']);
    expect(within(rows[0]!).getAllByRole('button')).toHaveLength(1);
    const reserved = screen.getByTestId('unit-3-1-0201');
    expect(reserved).toHaveAttribute('data-status', 'reserved');
    expect(reserved).toHaveStyle({ background: STATUS_COLOURS.reserved.fill });
    expect(reserved).toHaveTextContent('0201');
    expect(reserved).toHaveTextContent('352.44万');
  });

  it('dims what the filters leave out and opens a unit on a click', () => {
    const onOpen = vi.fn();
    renderWithProviders(
      <BoardGrid building={building} filters={{ ...NO_FILTERS, statuses: ['available'] }} onOpen={onOpen} />,
    );
    expect(screen.getByTestId('unit-3-1-0102')).toHaveClass('is-dimmed');
    expect(screen.getByTestId('unit-3-1-0101')).not.toHaveClass('is-dimmed');
    fireEvent.click(screen.getByRole('button', { name: '3-1-0102 已签约' }));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ code: '3-1-0102' }));
  });
});

describe('<BoardLegend>', () => {
  it('shows each status with its count and toggles the status filter', () => {
    const onToggle = vi.fn();
    renderWithProviders(
      <BoardLegend
        totals={[
          { status: 'available', count: 111, gross_area: '1.00', amount: '503830620.00' },
          { status: 'reserved', count: 2, gross_area: '1.00', amount: '8012040.00' },
        ]}
        active={['reserved']}
        onToggle={onToggle}
      />,
    );
    expect(screen.getByTestId('legend-available')).toHaveTextContent('可售111');
    expect(screen.getByTestId('legend-reserved')).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(screen.getByTestId('legend-available'));
    expect(onToggle).toHaveBeenCalledWith('available');
  });
});
