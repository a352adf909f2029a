import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/client';
import { renderWithProviders } from '@/testing/render';
import { C1, C2 } from '../lib/test-data';
import { CreditsFormModal } from './credits-form-modal';
import { DealCreditsCard } from './deal-credits-card';

const CONSULTANTS = [
  { userId: C1, name: '陈一' },
  { userId: C2, name: '王二' },
];
const send = () => screen.getByRole('button', { name: '提交审批' });
const rows = () => screen.getAllByTestId('credit-row');

function renderForm(onSubmit = vi.fn().mockResolvedValue(undefined)) {
  renderWithProviders(
    <CreditsFormModal initial={[{ consultant_id: C1, share: '100' }]} consultants={CONSULTANTS} onSubmit={onSubmit} onCancel={vi.fn()} />,
  );
  return onSubmit;
}

async function addSecond(share: string) {
  await userEvent.click(screen.getByRole('button', { name: /添加置业顾问/ }));
  await userEvent.click(screen.getByRole('combobox', { name: '置业顾问 2' }));
  await userEvent.click(await screen.findByTitle('王二'));
  await userEvent.type(screen.getByLabelText('比例 2'), share);
}

describe('the credits form', () => {
  it('shows the running sum as rows change and sends the shares when they make 100', async () => {
    const onSubmit = renderForm();
    expect(screen.getByTestId('credits-total')).toHaveTextContent('合计 100%');
    const first = screen.getByLabelText('比例 1');
    await userEvent.clear(first);
    await userEvent.type(first, '60');
    expect(screen.getByTestId('credits-total')).toHaveTextContent('合计 60%');
    await addSecond('40');
    expect(screen.getByTestId('credits-total')).toHaveTextContent('合计 100%');
    await userEvent.click(send());
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      credits: [
        { consultant_id: C1, share: '60' },
        { consultant_id: C2, share: '40' },
      ],
      comment: null,
    });
  });

  it('refuses shares that do not add up to 100, saying the sum', async () => {
    const onSubmit = renderForm();
    const first = screen.getByLabelText('比例 1');
    await userEvent.clear(first);
    await userEvent.type(first, '60');
    await addSecond('30');
    await userEvent.click(send());
    expect(await screen.findByText('合计须为 100%，现在是 90%')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("puts the server's 422 on the row it names", async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(422, {
        code: 'validation_failed',
        title: 'Unprocessable',
        errors: [{ field: 'credits.0.consultant_id', message: 'not a consultant of the project' }],
      }),
    );
    renderForm(onSubmit);
    await userEvent.click(send());
    const error = await screen.findByText('not a consultant of the project');
    expect(rows()[0]).toContainElement(error);
    expect(within(rows()[0] as HTMLElement).getAllByLabelText('置业顾问 1').length).toBeGreaterThan(0);
  });
});

function serve(body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("the deal's credits card", () => {
  const DEAL = '55555555-5555-4555-8555-555555555555';
  const PROJECT = '11111111-1111-4111-8111-111111111111';

  it("shows the default (the deal's consultant, 100 %) and a proposal waiting for approval", async () => {
    serve({
      deal_id: DEAL,
      credits: [{ consultant_id: C1, consultant_name: '陈一', share: '100.00' }],
      default: true,
      pending: [
        { consultant_id: C1, consultant_name: '陈一', share: '50.00' },
        { consultant_id: C2, consultant_name: '王二', share: '50.00' },
      ],
      pending_approval_id: null,
      pending_status: 'proposed',
    });
    renderWithProviders(<DealCreditsCard dealId={DEAL} projectId={PROJECT} canPropose />);
    expect(await screen.findByTestId('credits-default')).toHaveTextContent('默认：由本单置业顾问独享');
    expect(within(screen.getByTestId('credits-active')).getByText('陈一')).toBeInTheDocument();
    expect(within(screen.getByTestId('credits-pending-list')).getByText('王二')).toBeInTheDocument();
    // One proposal at a time: the button waits until this one is decided.
    expect(screen.getByTestId('propose-credits')).toBeDisabled();
  });

  it('offers no change to those who may only read', async () => {
    serve({ deal_id: DEAL, credits: [{ consultant_id: C1, consultant_name: '陈一', share: '100.00' }], default: true, pending: null, pending_approval_id: null });
    renderWithProviders(<DealCreditsCard dealId={DEAL} projectId={PROJECT} canPropose={false} />);
    expect(await screen.findByText('陈一')).toBeInTheDocument();
    expect(screen.queryByTestId('propose-credits')).not.toBeInTheDocument();
  });
});
