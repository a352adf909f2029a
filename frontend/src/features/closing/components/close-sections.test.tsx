import { screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import type { Close } from '../api/closes';
import { DifferencesSection } from './close-sections';

const close = (differences: Close['differences']) => ({ differences }) as Close;

describe('the differences of a close', () => {
  it('says 无差异 when the board, the deals and the receipts agree', () => {
    renderWithProviders(<DifferencesSection close={close([])} />);
    expect(screen.getByTestId('close-no-differences')).toHaveTextContent('无差异');
  });

  it('lists each difference with what the board and the deals say', () => {
    renderWithProviders(
      <MemoryRouter>
        <DifferencesSection
          close={close([
            { kind: 'sold_without_deal', unit_id: 'u1', unit_code: '3-1-1504', deal_id: null, board_says: 'subscribed', deals_say: null },
            { kind: 'receipts_differ', unit_id: null, unit_code: null, deal_id: 'd1234567890', board_says: '50000.00', deals_say: '0.00' },
          ])}
        />
      </MemoryRouter>,
    );
    const rows = screen.getAllByTestId('close-difference');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('销控已售，无有效交易');
    expect(rows[0]).toHaveTextContent('3-1-1504');
    expect(rows[0]).toHaveTextContent('已认购');
    expect(rows[1]).toHaveTextContent('¥50,000.00');
    expect(screen.queryByTestId('close-no-differences')).toBeNull();
  });
});
