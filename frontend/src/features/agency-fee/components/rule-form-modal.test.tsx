import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/client';
import { renderWithProviders } from '@/testing/render';
import { RuleFormModal } from './rule-form-modal';

const tierRows = () => screen.getAllByTestId('tier-row');
const send = () => screen.getByRole('button', { name: '提交审批' });

async function pickEffectiveDate() {
  const input = screen.getByTestId('rule-effective-from').querySelector('input') ?? screen.getByTestId('rule-effective-from');
  await userEvent.click(input);
  await userEvent.type(input, `${dayjs().format('YYYY-MM-DD')}{enter}`);
}

async function chooseTiered() {
  await userEvent.click(screen.getByText('按目标达成率分档'));
}

describe('the tier rows of the rule form', () => {
  it('starts with three tiers, adds one from where the last ends, and removes one', async () => {
    renderWithProviders(<RuleFormModal onSubmit={vi.fn()} onCancel={vi.fn()} />);
    await chooseTiered();
    expect(tierRows()).toHaveLength(3);

    // The last tier is open: give it an end so the new one starts there.
    await userEvent.type(screen.getByLabelText('至（%） 3'), '120');
    await userEvent.click(screen.getByTestId('add-tier'));
    expect(tierRows()).toHaveLength(4);
    expect(screen.getByLabelText('自（%） 4')).toHaveValue('120');

    await userEvent.click(within(tierRows()[1] as HTMLElement).getByRole('button', { name: '删除' }));
    expect(tierRows()).toHaveLength(3);
  });

  it('sends the tiers as decimals, the last one open, and no flat rate', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<RuleFormModal onSubmit={onSubmit} onCancel={vi.fn()} />);
    await pickEffectiveDate();
    await chooseTiered();
    await userEvent.click(send());
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      effective_from: dayjs().format('YYYY-MM-DD'),
      base: 'contracted_price',
      rate: null,
      tiers: [
        { from_percent: '0', to_percent: '80', rate: '0.8' },
        { from_percent: '80', to_percent: '100', rate: '1.0' },
        { from_percent: '100', to_percent: null, rate: '1.2' },
      ],
      stages: [
        { name: 'down_payment', share: '70', condition: 'down_payment_received' },
        { name: 'full_payment', share: '30', condition: 'fully_paid_or_loan' },
      ],
      fixed_amounts: {},
    });
  });

  it('refuses a tier rate above 10 % before sending anything', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<RuleFormModal onSubmit={onSubmit} onCancel={vi.fn()} />);
    await pickEffectiveDate();
    await chooseTiered();
    const rate = screen.getByLabelText('费率（%） 2');
    await userEvent.clear(rate);
    await userEvent.type(rate, '12');
    await userEvent.click(send());
    expect(await screen.findByText('费率须在 0–10% 之间')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("puts the server's 422 on the tier input and the stages it names", async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(422, {
        code: 'validation_failed',
        title: 'Unprocessable',
        errors: [
          { field: 'tiers.1.from_percent', message: 'must start where the tier before ends (no gap, no overlap)' },
          { field: 'stages', message: 'the shares must add up to exactly 100' },
        ],
      }),
    );
    renderWithProviders(<RuleFormModal onSubmit={onSubmit} onCancel={vi.fn()} />);
    await pickEffectiveDate();
    await chooseTiered();
    await userEvent.click(send());
    const gap = await screen.findByText('must start where the tier before ends (no gap, no overlap)');
    expect(tierRows()[1]).toContainElement(gap);
    expect(screen.getByText('the shares must add up to exactly 100')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps a running total of the stage shares', async () => {
    renderWithProviders(<RuleFormModal onSubmit={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.getByTestId('stages-total')).toHaveTextContent('合计 100%');
    const share = screen.getByLabelText('比例（%） 2');
    await userEvent.clear(share);
    await userEvent.type(share, '20');
    expect(screen.getByTestId('stages-total')).toHaveTextContent('合计 90%');
  });
});
