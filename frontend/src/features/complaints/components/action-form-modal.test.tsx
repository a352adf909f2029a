import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/client';
import { renderWithProviders } from '@/testing/render';
import { ActionFormModal } from './action-form-modal';

const customerComplaint = { source: 'customer' as const, satisfaction: null };

async function fillResolution(text: string) {
  await userEvent.type(screen.getByTestId('resolution-input'), text);
}

const submitButton = () => screen.getByRole('button', { name: /解\s*决/ });

describe('the resolve form', () => {
  it('asks for an amount when the remedy is money, and sends nothing without one', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<ActionFormModal type="resolve" complaint={customerComplaint} onSubmit={onSubmit} onCancel={vi.fn()} />);
    await fillResolution('退还部分款项');
    await userEvent.click(screen.getByText('退款'));
    expect(screen.getByTestId('remedy-amount-input')).toBeInTheDocument();
    await userEvent.click(submitButton());
    expect(await screen.findByText('该补救方式须填写金额')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await userEvent.type(screen.getByTestId('remedy-amount-input'), '5000');
    await userEvent.click(submitButton());
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      type: 'resolve',
      resolution: '退还部分款项',
      remedy: 'refund',
      remedy_amount: '5000.00',
      comment: null,
    });
  });

  it('asks for no amount for a remedy without money, and sends none', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<ActionFormModal type="resolve" complaint={customerComplaint} onSubmit={onSubmit} onCancel={vi.fn()} />);
    await fillResolution('已现场解释');
    await userEvent.click(screen.getByText('解释说明'));
    expect(screen.queryByTestId('remedy-amount-input')).not.toBeInTheDocument();
    await userEvent.click(submitButton());
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ remedy: 'explanation', remedy_amount: null });
  });

  it("puts the server's 422 on the field it names", async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(422, {
        code: 'validation_failed',
        title: 'Validation failed',
        errors: [{ field: 'remedy_amount', message: 'a refund needs an amount above 0' }],
      } as never),
    );
    renderWithProviders(<ActionFormModal type="resolve" complaint={customerComplaint} onSubmit={onSubmit} onCancel={vi.fn()} />);
    await fillResolution('退款');
    await userEvent.click(screen.getByText('退款', { selector: 'span' }));
    await userEvent.type(screen.getByTestId('remedy-amount-input'), '0');
    await userEvent.click(submitButton());
    expect(await screen.findByText('a refund needs an amount above 0')).toBeInTheDocument();
  });
});

describe('the escalate form', () => {
  it('needs a reason', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<ActionFormModal type="escalate" complaint={customerComplaint} onSubmit={onSubmit} onCancel={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: /升\s*级/ }));
    expect(await screen.findByText('请填写此项')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.type(screen.getByTestId('action-comment-input'), '客户要求经理出面');
    await userEvent.click(screen.getByRole('button', { name: /升\s*级/ }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ type: 'escalate', comment: '客户要求经理出面' }));
  });
});
