import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { StatementPayments } from './statement-payments';

const STATEMENT = '44444444-4444-4444-8444-444444444444';

function serve(items: unknown[]) {
  const fetch = vi.fn(
    async () => new Response(JSON.stringify({ items, next_cursor: null }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe("a statement's payments", () => {
  it('lists each payment with its amount, day, reference and who recorded it', async () => {
    serve([
      {
        id: 'a',
        amount: '4000.00',
        received_on: '2026-11-20',
        reference: 'TT-001',
        recorded_by: null,
        recorded_by_name: '财务 赵敏',
        recorded_at: '2026-11-20T02:00:00Z',
      },
    ]);
    renderWithProviders(<StatementPayments statement={{ id: STATEMENT, status: 'invoiced' }} />);
    expect(await screen.findByTestId('payment-amount')).toHaveTextContent('¥4,000.00');
    expect(screen.getByText(/2026-11-20 到账/)).toBeInTheDocument();
    expect(screen.getByText(/TT-001/)).toBeInTheDocument();
    expect(screen.getByTestId('payment-recorded-by')).toHaveTextContent('财务 赵敏 登记于');
  });

  it('says so when none is recorded yet', async () => {
    serve([]);
    renderWithProviders(<StatementPayments statement={{ id: STATEMENT, status: 'invoiced' }} />);
    expect(await screen.findByText('还没有登记回款')).toBeInTheDocument();
  });

  it('asks nothing and shows nothing before the statement is invoiced', () => {
    const fetch = serve([]);
    renderWithProviders(<StatementPayments statement={{ id: STATEMENT, status: 'confirmed' }} />);
    expect(screen.queryByTestId('statement-payments')).not.toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });
});
