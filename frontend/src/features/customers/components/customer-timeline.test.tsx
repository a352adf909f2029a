import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { CustomerTimeline } from './customer-timeline';

const sup = { id: 'u-sup', full_name: '主管 王芳' };
const c1 = { id: 'u-c1', full_name: '置业顾问 陈晓' };
const c2 = { id: 'u-c2', full_name: '置业顾问 刘洋' };

const entries = [
  {
    at: '2026-11-20T03:00:00Z',
    kind: 'reassigned',
    actor: sup,
    summary: 'Reassigned from 置业顾问 陈晓 to 置业顾问 刘洋: 撞单裁定',
    from_user: c1,
    to_user: c2,
    reason: '撞单裁定',
  },
  {
    at: '2026-11-19T03:00:00Z',
    kind: 'visit',
    actor: c1,
    summary: 'First visit, party of 3, received by 置业顾问 陈晓 for 置业顾问 刘洋: 看了样板间',
    visit_kind: 'first',
    party_size: 3,
    on_behalf_of: c2,
    notes: '看了样板间',
  },
  {
    at: '2026-11-18T03:00:00Z',
    kind: 'call',
    actor: c1,
    summary: 'Inbound call: 问首付',
    call_direction: 'inbound',
    notes: '问首付',
  },
];

describe('the customer timeline', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says each entry in the reader’s language from its fields, not the server’s English summary', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ customer_id: 'c-1', entries, next_cursor: null }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      })),
    );
    renderWithProviders(<CustomerTimeline customerId="c-1" />);
    const timeline = await screen.findByTestId('customer-timeline');
    const reassigned = within(timeline).getByText(/转交给/).closest('[data-kind]');
    expect(reassigned).toHaveTextContent('由 置业顾问 陈晓 转交给 置业顾问 刘洋：撞单裁定');
    expect(within(timeline).getByText('首访，3 人，代 置业顾问 刘洋 接待：看了样板间')).toBeInTheDocument();
    expect(within(timeline).getByText('来电：问首付')).toBeInTheDocument();
    expect(within(timeline).queryByText(/Reassigned from|party of|Inbound call/)).toBeNull();
  });

  it('pages the history: older entries come with the next page, asked for by its cursor', async () => {
    const asked: URL[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: Request) => {
        const url = new URL(input.url);
        asked.push(url);
        const first = !url.searchParams.get('cursor');
        const body = first
          ? { customer_id: 'c-1', entries: entries.slice(0, 2), next_cursor: 'older' }
          : { customer_id: 'c-1', entries: entries.slice(2), next_cursor: null };
        return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    renderWithProviders(<CustomerTimeline customerId="c-1" />);
    const timeline = await screen.findByTestId('customer-timeline');
    expect(within(timeline).queryByText('来电：问首付')).toBeNull();
    expect(asked[0]?.searchParams.get('limit')).toBe('20');
    (await screen.findByRole('button', { name: /加载更多|Load more/ })).click();
    expect(await within(timeline).findByText('来电：问首付')).toBeInTheDocument();
    expect(asked[1]?.searchParams.get('cursor')).toBe('older');
  });
});
