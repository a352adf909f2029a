/**
 * A change made in one feature refreshes what other features show of the same resource: the keys
 * come from one factory per resource (lib/query-keys), so these read the other feature's own queries.
 */
import { QueryClient, QueryClientProvider, type QueryKey } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getCustomerQueryOptions } from '@/features/customers/api/get-customer';
import { getCustomersQueryOptions } from '@/features/customers/api/get-customers';
import { useCreateDeal } from '@/features/deals/api/create-deal';
import { getCustomerDealsQueryOptions } from '@/features/deals/api/get-customer-deals';
import {
  getAvailableUnitsQueryOptions,
  getUnitQueryOptions as getDealUnitQueryOptions,
  useUnit as useDealUnit,
} from '@/features/deals/api/get-unit';
import { getBoardQueryOptions } from '@/features/inventory/api/get-board';
import { getLiveReservationsQueryOptions } from '@/features/inventory/api/get-reservations';
import { getUnitQueryOptions as getDrawerUnitQueryOptions } from '@/features/inventory/api/get-unit';
import { useHoldUnit, useReserveUnit } from '@/features/inventory/api/unit-mutations';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  /** Puts `data` in the cache under `key`, as if a screen had read it. */
  const seen = (key: QueryKey, data: unknown) => queryClient.setQueryData(key, data);
  const stale = (key: QueryKey) => queryClient.getQueryState(key)?.isInvalidated ?? false;
  return { queryClient, wrapper, seen, stale };
}

describe('refreshing across features', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("a reservation made on the board refreshes the deal wizard's unit choices and its unit", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ id: 'r1', unit_id: 'u1' }, 201)));
    const { wrapper, seen, stale } = setup();
    const available = getAvailableUnitsQueryOptions('p1').queryKey;
    const wizardUnit = getDealUnitQueryOptions('u1').queryKey;
    const otherProject = getAvailableUnitsQueryOptions('p2').queryKey;
    seen(available, []);
    seen(wizardUnit, { data: { id: 'u1' }, etag: null });
    seen(otherProject, []);

    const { result } = renderHook(() => useReserveUnit('p1'), { wrapper });
    await result.current.mutateAsync({ unitId: 'u1', customerId: 'c1' });

    expect(stale(available)).toBe(true);
    expect(stale(wizardUnit)).toBe(true);
    expect(stale(otherProject)).toBe(false);
  });

  it("a hold refreshes the deal wizard's unit choices", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ id: 'u1' })));
    const { wrapper, seen, stale } = setup();
    const available = getAvailableUnitsQueryOptions('p1').queryKey;
    seen(available, []);

    const { result } = renderHook(() => useHoldUnit('p1'), { wrapper });
    await result.current.mutateAsync({ unitId: 'u1', reason: '领导预留' });

    expect(stale(available)).toBe(true);
  });

  it("a subscription refreshes the board, the unit's drawer, the reservations and the buyer's views", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ id: 'd1', unit_id: 'u1', customer_ids: ['c1'] }, 201)));
    const { wrapper, seen, stale } = setup();
    const board = getBoardQueryOptions('p1').queryKey;
    const drawerUnit = getDrawerUnitQueryOptions('u1').queryKey;
    const reservations = getLiveReservationsQueryOptions('p1').queryKey;
    const buyer = getCustomerQueryOptions('c1').queryKey;
    const otherCustomer = getCustomerQueryOptions('c2').queryKey;
    const customers = getCustomersQueryOptions('p1', {}).queryKey;
    const buyerDeals = getCustomerDealsQueryOptions('p1', 'c1').queryKey;
    for (const key of [board, drawerUnit, reservations, buyer, otherCustomer, customers, buyerDeals]) seen(key, {});

    const { result } = renderHook(() => useCreateDeal(), { wrapper });
    await result.current.mutateAsync({
      projectId: 'p1',
      idempotencyKey: 'k1',
      body: { unit_id: 'u1', customer_ids: ['c1'], payment_method: 'full', deposit: '50000.00' },
    });

    for (const key of [board, drawerUnit, reservations, buyer, customers, buyerDeals]) expect(stale(key)).toBe(true);
    expect(stale(otherCustomer)).toBe(false);
  });

  it('the board and the deal wizard share one cache entry per unit', async () => {
    const fetch = vi.fn(async () => json({ id: 'u1', code: '2-1-2501' }));
    vi.stubGlobal('fetch', fetch);
    const { wrapper, queryClient } = setup();
    await queryClient.fetchQuery(getDrawerUnitQueryOptions('u1'));

    const { result } = renderHook(() => useDealUnit('u1'), { wrapper });

    await waitFor(() => expect(result.current.data).toMatchObject({ id: 'u1', code: '2-1-2501' }));
  });
});
