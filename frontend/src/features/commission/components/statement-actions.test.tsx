import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { statement } from '../lib/test-data';
import { StatementPage } from '../pages/statement-page';
import { StatementActionButtons } from './statement-actions';

type Action = 'submit' | 'approve' | 'pay';

const shown = () =>
  screen.queryAllByRole('button').map((button) => button.getAttribute('data-testid')?.replace('statement-action-', ''));

function buttons(allowed: string[]) {
  const { unmount } = renderWithProviders(<StatementActionButtons statement={{ allowed_actions: allowed }} onAct={vi.fn()} />);
  const result = shown();
  unmount();
  return result;
}

describe("a statement's buttons are exactly its allowed_actions", () => {
  it('shows each action the API lists, in the order a statement goes through them', () => {
    expect(buttons(['submit'])).toEqual(['submit']);
    expect(buttons(['approve'])).toEqual(['approve']);
    expect(buttons(['pay', 'approve', 'submit'])).toEqual(['submit', 'approve', 'pay']);
  });

  it('shows nothing the API does not list, and says so when the list is empty', () => {
    expect(buttons([])).toEqual([]);
    renderWithProviders(<StatementActionButtons statement={{ allowed_actions: [] }} onAct={vi.fn()} />);
    expect(screen.getByTestId('statement-no-actions')).toHaveTextContent('你在当前状态下无可执行的操作');
  });

  it('ignores an action it has no button for rather than guessing', () => {
    expect(buttons(['reopen', 'pay'])).toEqual(['pay']);
  });

  it('asks before acting, then hands the action on', async () => {
    const onAct = vi.fn<(action: Action) => void>();
    renderWithProviders(<StatementActionButtons statement={{ allowed_actions: ['approve'] }} onAct={onAct} />);
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

function renderStatement() {
  return renderWithProviders(
    <MemoryRouter>
      <StatementPage statementId={statement().id} backHref="/commission/statements" dealHref={() => null} />
    </MemoryRouter>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('the statement page', () => {
  it('says "not found" for another consultant\'s statement (the API answers 404)', async () => {
    serve(() => answer(404, { code: 'not_found', title: 'Not found', status: 404 }));
    renderStatement();
    expect(await screen.findByText('结算单不存在')).toBeInTheDocument();
  });

  it('says in words why a statement is locked when someone approved it meanwhile (409)', async () => {
    serve((method, path) => {
      if (method === 'POST') return answer(409, { code: 'statement_locked', title: 'Locked', status: 409, detail: 'It is approved' });
      if (path.endsWith('/lines')) return answer(200, { items: [], next_cursor: null });
      return answer(200, statement({ status: 'submitted', allowed_actions: ['approve'] }));
    });
    renderStatement();
    await userEvent.click(await screen.findByTestId('statement-action-approve'));
    await userEvent.click(screen.getAllByRole('button', { name: '审批通过' }).at(-1)!);
    expect(await screen.findByText(/不能再变更；更正会计入下月结算单/)).toBeInTheDocument();
  });
});

describe('the statement page shows the buttons the API sent', () => {
  it('offers finance "pay" on an approved statement because the API lists it, and nothing else', async () => {
    serve((_method, path) => {
      if (path.endsWith('/lines')) return answer(200, { items: [], next_cursor: null });
      return answer(200, statement({ status: 'approved', allowed_actions: ['pay'] }));
    });
    renderStatement();
    expect(await screen.findByTestId('statement-action-pay')).toBeInTheDocument();
    expect(shown()).toEqual(['pay']);
  });

  it('shows no button when the API lists none, whatever the status', async () => {
    serve((_method, path) => {
      if (path.endsWith('/lines')) return answer(200, { items: [], next_cursor: null });
      return answer(200, statement({ status: 'draft', allowed_actions: [] }));
    });
    renderStatement();
    expect(await screen.findByTestId('statement-no-actions')).toBeInTheDocument();
  });
});
