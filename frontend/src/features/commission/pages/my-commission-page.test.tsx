import { screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { C1, C2, line, PROJECT, statement } from '../lib/test-data';
import { MyCommissionPage } from './my-commission-page';

function answer(status: number, body: unknown): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/** The API: `list` answers the month's statements, `lines` a statement's lines; records the months asked. */
function serve(list: () => Response, lines: () => Response = () => answer(200, { items: [], next_cursor: null })) {
  const months: (string | null)[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL((input as Request).url);
      if (url.pathname === `/api/v1/projects/${PROJECT}/commission-statements`) {
        months.push(url.searchParams.get('month'));
        return list();
      }
      if (/^\/api\/v1\/commission-statements\/[^/]+\/lines$/.test(url.pathname)) return lines();
      throw new Error(`unexpected ${url.pathname}`);
    }),
  );
  return months;
}

function renderPage(myUserId = C1) {
  return renderWithProviders(
    <MemoryRouter>
      <MyCommissionPage projectId={PROJECT} projectName="样板项目" myUserId={myUserId} dealHref={(id) => `/deals/${id}`} />
    </MemoryRouter>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('my commission', () => {
  it("shows last month's approved statement: total, status and the lines by kind, a penalty in red", async () => {
    const months = serve(
      () => answer(200, { items: [statement()], next_cursor: null }),
      () =>
        answer(200, {
          items: [
            line({ seq: 1 }),
            line({ seq: 2, source: 'reward_penalty', kind: 'reward', deal_id: null, unit_code: null, stage: null, plan_version: null, base: null, rate: null, share: null, amount: '1200.00', note: '上月销冠', earned_on: null }),
            line({ seq: 3, source: 'reward_penalty', kind: 'penalty', deal_id: null, unit_code: null, stage: null, plan_version: null, base: null, rate: null, share: null, amount: '-200.00', note: '迟到两次', earned_on: null }),
          ],
          next_cursor: null,
        }),
    );
    renderPage();
    expect(await screen.findByTestId('statement-total')).toHaveTextContent('¥2,234.50');
    expect(screen.getByTestId('statement-status')).toHaveTextContent('已审批');
    const groups = await screen.findAllByTestId('line-group');
    expect(groups.map((g) => g.getAttribute('data-kind'))).toEqual(['earned', 'reward', 'penalty']);
    expect(within(groups[0]!).getByRole('link', { name: '1-1-0101' })).toHaveAttribute('href', '/deals/55555555-5555-4555-8555-555555555555');
    expect(within(groups[0]!).getByText(/¥?1,234,500\.00 × 0\.2% × 50%/)).toBeInTheDocument();
    const penalty = within(groups[2]!).getByTestId('line-amount');
    expect(penalty).toHaveTextContent('-¥200.00');
    expect(penalty).toHaveAttribute('data-negative', 'true');
    expect(within(groups[1]!).getByTestId('line-amount')).toHaveAttribute('data-negative', 'false');
    // Last month by default, as the statement people look for.
    const now = new Date();
    const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
    expect(months[0]).toBe(`${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, '0')}`);
  });

  it('says there is no statement for the month yet', async () => {
    serve(() => answer(200, { items: [], next_cursor: null }));
    renderPage();
    expect(await screen.findByTestId('my-commission-none')).toHaveTextContent('暂无你的酬金结算单');
  });

  it("picks a supervisor's own statement out of the month's list (theirs is the override)", async () => {
    serve(
      () =>
        answer(200, {
          items: [statement({ id: 'a0000000-0000-4000-8000-000000000001', consultant_id: C2, total: '999.00' }), statement({ status: 'draft', total: '88.00' })],
          next_cursor: null,
        }),
      () => answer(200, { items: [line({ kind: 'override', source: 'override', amount: '88.00' })], next_cursor: null }),
    );
    renderPage(C1);
    expect(await screen.findByTestId('statement-total')).toHaveTextContent('¥88.00');
    expect(screen.getByTestId('statement-status')).toHaveTextContent('草稿');
    expect(await screen.findByTestId('line-group')).toHaveAttribute('data-kind', 'override');
  });

  it('says the month could not be loaded, with a retry', async () => {
    serve(() => answer(500, { code: 'internal', title: 'Server error', status: 500 }));
    renderPage();
    expect(await screen.findByText('加载失败')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /重\s*试/ })).toBeInTheDocument();
  });
});

describe("a supervisor's override", () => {
  it('goes in a group of its own, whatever kind the engine gave it; a reward shows its category in words', async () => {
    serve(
      () => answer(200, { items: [statement({ status: 'draft' })], next_cursor: null }),
      () =>
        answer(200, {
          items: [
            line({ seq: 1, source: 'override', kind: 'earned', amount: '982.43' }),
            line({ seq: 2, source: 'reward_penalty', kind: 'reward', deal_id: null, unit_code: null, stage: null, amount: '1000.00', note: 'top_seller: 上月销冠' }),
          ],
          next_cursor: null,
        }),
    );
    renderPage();
    const groups = await screen.findAllByTestId('line-group');
    expect(groups.map((g) => g.getAttribute('data-kind'))).toEqual(['override', 'reward']);
    expect(within(groups[0]!).getByText('主管管理奖')).toBeInTheDocument();
    expect(within(groups[1]!).getByText('销冠奖励 · 上月销冠')).toBeInTheDocument();
  });
});
