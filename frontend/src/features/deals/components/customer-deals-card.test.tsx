import { screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { CustomerDealsCard } from './customer-deals-card';

function page(items: object[]): Response {
  return new Response(JSON.stringify({ items, next_cursor: null }), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
  });
}

const DEAL = {
  id: 'd-1',
  created_at: '2026-11-20T02:00:00Z',
  updated_at: '2026-11-20T02:00:00Z',
  version: 1,
  project_id: 'p-1',
  unit_id: 'u-1',
  unit_code: '3-1-1201',
  customer_ids: ['c-1'],
  buyers: [{ id: 'c-1', name: '周先生' }],
  consultant_id: 'cons-1',
  status: 'subscribed',
  payment_method: 'full',
  final_price: '1234567.8',
  subscribed_on: '2026-11-20',
  contract_number: null,
};

function renderCard() {
  return renderWithProviders(
    <MemoryRouter>
      <CustomerDealsCard projectId="p-1" customerId="c-1" />
    </MemoryRouter>,
  );
}

describe("a customer's deals card", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists each deal with its status, formatted price and a link to the deal', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL) => page([DEAL]));
    vi.stubGlobal('fetch', fetch);
    renderCard();

    const link = await screen.findByRole('link', { name: '3-1-1201' });
    expect(link).toHaveAttribute('href', '/deals/d-1');
    expect(screen.getByTestId('deal-status')).toHaveTextContent('已认购');
    expect(screen.getByText('¥1,234,567.80')).toBeInTheDocument();
    expect(screen.getByText('2026-11-20 认购')).toBeInTheDocument();
    const request = fetch.mock.calls[0]?.[0] as unknown as Request;
    const url = new URL(request.url);
    expect(url.pathname).toBe('/api/v1/projects/p-1/deals');
    expect(url.searchParams.get('customer_id')).toBe('c-1');
  });

  it('says so when the customer has no deals', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => page([])));
    renderCard();

    expect(await screen.findByText('暂无交易')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
