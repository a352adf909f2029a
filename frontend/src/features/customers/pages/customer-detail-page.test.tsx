import { screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '@/api/client';
import type { CustomerAction } from '@/lib/allowed-actions';
import { renderWithProviders } from '@/testing/render';
import { CustomerDetailPage } from './customer-detail-page';

function customer(allowed: CustomerAction[], changes: Partial<Schemas['Customer']> = {}): Schemas['Customer'] {
  return {
    id: 'c-1',
    created_at: '2026-11-20T02:00:00Z',
    updated_at: '2026-11-20T02:00:00Z',
    version: 1,
    project_id: 'p-1',
    name: '周先生',
    phone: '138****0001',
    phone_masked: true,
    channel: 'walk_in',
    intent: null,
    stage: 'visited',
    budget: null,
    wanted_layouts: [],
    notes: null,
    co_buyers: [],
    lost_reason: null,
    owner: { id: 'u-c1', full_name: '置业顾问 陈晓' },
    protected_until: '2026-12-20T02:00:00Z',
    in_pool: false,
    last_activity_at: null,
    allowed_actions: allowed,
    ...changes,
  } as Schemas['Customer'];
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

/** The API as the page reads it; the history's panels record what they asked for. */
function serve(served: Schemas['Customer']) {
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const path = new URL((input as Request).url).pathname;
    if (path === '/api/v1/customers/c-1') return json(served);
    if (path.endsWith('/timeline')) return json({ customer_id: 'c-1', entries: [], next_cursor: null });
    return json({ items: [], next_cursor: null });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function show(served: Schemas['Customer']) {
  const fetch = serve(served);
  renderWithProviders(
    <MemoryRouter>
      <CustomerDetailPage customerId="c-1" actsForOthers={false} consultantOptions={[]} dealsSlot={<div data-testid="deals-slot" />} />
    </MemoryRouter>,
  );
  await screen.findByTestId('customer-name');
  return fetch;
}

const named = (text: string) => new RegExp([...text].join('\\s*'));
const BUTTONS: Record<string, CustomerAction> = {
  记录来访: 'record_visit',
  记录来电: 'record_call',
  新增跟进: 'add_follow_up',
  认领: 'claim',
  转交: 'reassign',
};

describe("a customer's buttons and panels follow its allowed_actions", () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each(Object.entries(BUTTONS))('shows %s exactly when the server allows %s', async (label, action) => {
    await show(customer([action]));
    expect(screen.getByRole('button', { name: named(label) })).toBeInTheDocument();
    for (const other of Object.keys(BUTTONS).filter((name) => name !== label)) {
      expect(screen.queryByRole('button', { name: named(other) })).not.toBeInTheDocument();
    }
  });

  it("shows a supervisor's full set when the server allows it", async () => {
    await show(customer(['edit', 'record_visit', 'record_call', 'add_follow_up', 'read_history', 'reassign', 'subscribe']));
    for (const label of ['记录来访', '记录来电', '新增跟进', '转交']) {
      expect(screen.getByRole('button', { name: named(label) })).toBeInTheDocument();
    }
    expect(screen.queryByRole('button', { name: named('认领') })).not.toBeInTheDocument();
  });

  it('shows the history, follow-ups and deals only to those who may read the history', async () => {
    const fetch = await show(customer(['read_history']));
    expect(await screen.findByTestId('customer-follow-ups')).toBeInTheDocument();
    expect(screen.getByTestId('deals-slot')).toBeInTheDocument();
    expect(screen.queryByText('这是其他顾问的客户，你只能看到脱敏信息。')).not.toBeInTheDocument();
    await vi.waitFor(() =>
      expect(fetch.mock.calls.some(([input]) => new URL((input as Request).url).pathname.endsWith('/timeline'))).toBe(true),
    );
  });

  it('hides the history from one who may not read it, and says why', async () => {
    const fetch = await show(customer([]));
    expect(screen.getByText('这是其他顾问的客户，你只能看到脱敏信息。')).toBeInTheDocument();
    expect(screen.queryByTestId('customer-follow-ups')).not.toBeInTheDocument();
    expect(screen.queryByTestId('deals-slot')).not.toBeInTheDocument();
    expect(fetch.mock.calls.map(([input]) => new URL((input as Request).url).pathname)).toEqual(['/api/v1/customers/c-1']);
  });

  it('offers a pool customer to claim when the server allows it', async () => {
    await show(customer(['claim', 'subscribe'], { in_pool: true, owner: null }));
    expect(screen.getByRole('button', { name: named('认领') })).toBeInTheDocument();
    expect(screen.queryByText('这是其他顾问的客户，你只能看到脱敏信息。')).not.toBeInTheDocument();
  });
});
