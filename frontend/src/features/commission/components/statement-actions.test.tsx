import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '@/api/client';
import { renderWithProviders } from '@/testing/render';
import { statement } from '../lib/test-data';
import { StatementPage } from '../pages/statement-page';
import { StatementActionButtons } from './statement-actions';

type Role = Schemas['ProjectRole'];
type Status = Schemas['CommissionStatementStatus'];

const shown = () =>
  screen.queryAllByRole('button').map((button) => button.getAttribute('data-testid')?.replace('statement-action-', ''));

function buttons(role: Role | null, status: Status) {
  const { unmount } = renderWithProviders(<StatementActionButtons role={role} status={status} onAct={vi.fn()} />);
  const result = shown();
  unmount();
  return result;
}

describe("a statement's buttons follow the caller's role and the statement's state", () => {
  it('lets supervisors and up submit a draft, and nobody else', () => {
    for (const role of ['admin', 'project_manager', 'site_manager', 'supervisor'] as const) expect(buttons(role, 'draft')).toEqual(['submit']);
    for (const role of ['consultant', 'finance', 'developer_rep', null] as const) expect(buttons(role, 'draft')).toEqual([]);
  });

  it('lets a site or project manager approve a submitted one, not the supervisor who submitted it', () => {
    for (const role of ['admin', 'project_manager', 'site_manager'] as const) expect(buttons(role, 'submitted')).toEqual(['approve']);
    for (const role of ['supervisor', 'consultant', 'finance'] as const) expect(buttons(role, 'submitted')).toEqual([]);
  });

  it('lets finance pay an approved one; a paid one has nothing left', () => {
    expect(buttons('finance', 'approved')).toEqual(['pay']);
    expect(buttons('admin', 'approved')).toEqual(['pay']);
    expect(buttons('site_manager', 'approved')).toEqual([]);
    for (const role of ['admin', 'finance', 'site_manager'] as const) expect(buttons(role, 'paid')).toEqual([]);
  });

  it('never shows a consultant a button on their own statement', () => {
    for (const status of ['draft', 'submitted', 'approved', 'paid'] as const) expect(buttons('consultant', status)).toEqual([]);
  });

  it('asks before acting, then hands the action on', async () => {
    const onAct = vi.fn();
    renderWithProviders(<StatementActionButtons role="site_manager" status="submitted" onAct={onAct} />);
    await userEvent.click(screen.getByTestId('statement-action-approve'));
    expect(onAct).not.toHaveBeenCalled();
    expect(await screen.findByText('审批通过后结算单不再变更。确定审批？')).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: '审批通过' }).at(-1)!);
    expect(onAct).toHaveBeenCalledWith('approve');
  });
});

function answer(status: number, body: unknown): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function serve(handle: (method: string, path: string) => Response) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const request = input as Request;
      return handle(request.method, new URL(request.url).pathname);
    }),
  );
}

function renderStatement(role: Role) {
  return renderWithProviders(
    <MemoryRouter>
      <StatementPage statementId={statement().id} role={role} backHref="/commission/statements" dealHref={() => null} />
    </MemoryRouter>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('the statement page', () => {
  it('says "not found" for another consultant\'s statement (the API answers 404)', async () => {
    serve(() => answer(404, { code: 'not_found', title: 'Not found', status: 404 }));
    renderStatement('consultant');
    expect(await screen.findByText('结算单不存在')).toBeInTheDocument();
  });

  it('says in words why a statement is locked when someone approved it meanwhile (409)', async () => {
    serve((method, path) => {
      if (method === 'POST') return answer(409, { code: 'statement_locked', title: 'Locked', status: 409, detail: 'It is approved' });
      if (path.endsWith('/lines')) return answer(200, { items: [], next_cursor: null });
      return answer(200, statement({ status: 'submitted' }));
    });
    renderStatement('site_manager');
    await userEvent.click(await screen.findByTestId('statement-action-approve'));
    await userEvent.click(screen.getAllByRole('button', { name: '审批通过' }).at(-1)!);
    expect(await screen.findByText(/不能再变更；更正会计入下月结算单/)).toBeInTheDocument();
  });
});
