import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DealAction } from '@/lib/allowed-actions';
import type { ProjectRole } from '@/lib/roles';
import { renderWithProviders } from '@/testing/render';
import type { Deal } from '../api/get-deal';
import { DealDetail } from './deal-detail';

function deal(allowed: DealAction[], changes: Partial<Deal> = {}): Deal {
  return {
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
    payment_method: 'mortgage_commercial',
    list_price: '1000000',
    method_discount_rate: '0',
    discounts: [],
    final_price: '1000000',
    deposit: '50000',
    below_floor: false,
    subscribed_on: '2026-11-20',
    contract_number: null,
    signed_on: null,
    contracted_at: null,
    handed_over_at: null,
    cancelled_at: null,
    cancel_reason: null,
    refund_amount: null,
    paid: '50000',
    outstanding: '950000',
    pending_approval_id: null,
    allowed_actions: allowed,
    ...changes,
  } as Deal;
}

const RECEIPT = {
  id: 'pay-1',
  deal_id: 'd-1',
  kind: 'receipt',
  method: 'transfer',
  amount: '50000',
  paid_at: '2026-11-20T02:00:00Z',
  reference: null,
  recorded_by: null,
  reversed_by_id: null,
};

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

/** The API as the deal screen reads it; `served` is the deal it answers with. */
function serve(served: Deal) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const path = new URL((input as Request).url).pathname;
      if (path === '/api/v1/deals/d-1') return json(served);
      if (path.endsWith('/timeline')) return json({ events: [] });
      if (path.endsWith('/schedule')) return json({ lines: [] });
      if (path.endsWith('/payments')) return json({ items: [RECEIPT], next_cursor: null });
      if (path.endsWith('/mortgage')) return json({ bank: '工商银行', loan_amount: '700000', stage: 'submitted', stage_dates: {} });
      return json({ items: [], next_cursor: null });
    }),
  );
}

async function show(served: Deal, role: ProjectRole = 'consultant') {
  serve(served);
  renderWithProviders(
    <MemoryRouter>
      <DealDetail dealId="d-1" role={role} approvalsHref={null} backLink={null} />
    </MemoryRouter>,
  );
  await screen.findByTestId('deal-title');
  // The payments arrive on their own; wait for them so the reverse column has had its chance.
  await within(screen.getByTestId('deal-payments')).findByText('¥50,000.00');
}

/** A button's name as Ant Design shows it: a space between two Chinese characters. */
const named = (text: string) => new RegExp(`${[...text].join('\\s*')}`);

describe("a deal's buttons follow its allowed_actions", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows a consultant's contract, payment and mortgage buttons when the server allows them", async () => {
    await show(deal(['contract', 'record_payment', 'start_mortgage']));

    expect(screen.getByRole('button', { name: named('签约') })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: named('登记收款') })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: named('办理按揭') })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: named('交房') })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: named('冲正') })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: named('更多') })).not.toBeInTheDocument();
  });

  it('shows none of them without the actions, whatever the role', async () => {
    await show(deal([]), 'admin');

    for (const name of ['签约', '交房', '办理按揭', '推进到']) {
      expect(screen.queryByRole('button', { name: named(name) })).not.toBeInTheDocument();
    }
    expect(screen.queryByRole('button', { name: named('登记收款') })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: named('冲正') })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: named('更多') })).not.toBeInTheDocument();
  });

  it('offers hand-over, reversing a receipt and advancing the mortgage as allowed', async () => {
    await show(deal(['handover', 'reverse_payment', 'advance_mortgage'], { status: 'contracted' }), 'finance');

    expect(screen.getByRole('button', { name: named('交房') })).toBeInTheDocument();
    expect(within(screen.getByTestId('deal-payments')).getByRole('button', { name: named('冲正') })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: named('推进到') })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: named('签约') })).not.toBeInTheDocument();
  });

  it('puts cancel and the changes in the menu only as allowed', async () => {
    await show(deal(['cancel', 'change_buyers']));

    await userEvent.click(screen.getByRole('button', { name: named('更多') }));
    expect(await screen.findByRole('menuitem', { name: named('退房') })).toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: named('更名') })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: named('换房') })).not.toBeInTheDocument();
  });

  it('asks no payment when nothing is outstanding, even when allowed', async () => {
    await show(deal(['record_payment'], { paid: '1000000', outstanding: '0' }));

    expect(screen.queryByRole('button', { name: named('登记收款') })).not.toBeInTheDocument();
  });
});
