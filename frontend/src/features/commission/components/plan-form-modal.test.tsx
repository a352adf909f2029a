import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/client';
import { renderWithProviders } from '@/testing/render';
import { isRate, planBody } from '../lib/plan-body';
import { PlanFormModal } from './plan-form-modal';

const send = () => screen.getByRole('button', { name: '提交审批' });
const stageRows = () => screen.getAllByTestId('plan-stage-row');

async function pickEffectiveDate() {
  const picker = screen.getByTestId('plan-effective-from');
  const input = picker.querySelector('input') ?? picker;
  await userEvent.click(input);
  await userEvent.type(input, `${dayjs().format('YYYY-MM-DD')}{enter}`);
}

describe('the plan body', () => {
  it('keeps rates as typed decimals, leaves out blank fixed amounts and sends no override when blank', () => {
    const body = planBody({
      effective_from: dayjs('2026-12-01'),
      rates: { trainee: '0.1', junior: '0.15 ', mid: '0.2', senior: '0.3.' },
      fixed_amounts: { parking: '500', shop: ' ' },
      stages: [{ name: ' 签约 ', share: '100', condition: 'contracted' }],
    });
    expect(body).toEqual({
      effective_from: '2026-12-01',
      rates: { trainee: '0.1', junior: '0.15', mid: '0.2', senior: '0.3' },
      fixed_amounts: { parking: '500.00' },
      supervisor_override: null,
      stages: [{ name: '签约', share: '100', condition: 'contracted' }],
      note: null,
    });
  });

  it('takes rates from 0 to 10 % only', () => {
    for (const ok of ['0', '0.15', '10', '9.9999']) expect(isRate(ok)).toBe(true);
    for (const bad of ['10.5', '11', '-1', '0.12345', '', 'x']) expect(isRate(bad)).toBe(false);
  });
});

describe('the plan form', () => {
  it('sends the example plan: rates by grade, half at contract and half when paid', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<PlanFormModal onSubmit={onSubmit} onCancel={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('车位'), '500');
    await userEvent.type(screen.getByLabelText('主管管理奖（%，可不填）'), '0.05');
    // Enter in the date picker sends the form, as the button does.
    await pickEffectiveDate();
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.lastCall?.[0]).toMatchObject({
      effective_from: dayjs().format('YYYY-MM-DD'),
      rates: { trainee: '0.10', junior: '0.15', mid: '0.20', senior: '0.30' },
      fixed_amounts: { parking: '500.00' },
      supervisor_override: '0.05',
      stages: [
        { name: '签约', share: '50', condition: 'contracted' },
        { name: '回款', share: '50', condition: 'fully_paid_or_loan' },
      ],
    });
  });

  it('keeps a running total of the stages as rows change', async () => {
    renderWithProviders(<PlanFormModal onSubmit={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.getByTestId('plan-stages-total')).toHaveTextContent('合计 100%');
    const share = screen.getByLabelText('比例（%） 2');
    await userEvent.clear(share);
    await userEvent.type(share, '20');
    expect(screen.getByTestId('plan-stages-total')).toHaveTextContent('合计 70%');
    await userEvent.click(screen.getByRole('button', { name: /添加阶段/ }));
    expect(stageRows()).toHaveLength(3);
    await userEvent.type(screen.getByLabelText('比例（%） 3'), '30');
    await userEvent.type(screen.getByLabelText('阶段名称 3'), '交房');
    expect(screen.getByTestId('plan-stages-total')).toHaveTextContent('合计 100%');
    await userEvent.click(screen.getByRole('button', { name: /删除 3/ }));
    expect(stageRows()).toHaveLength(2);
    expect(screen.getByTestId('plan-stages-total')).toHaveTextContent('合计 70%');
  });

  it('refuses a rate above 10 % before sending anything', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<PlanFormModal onSubmit={onSubmit} onCancel={vi.fn()} />);
    const senior = screen.getByLabelText('高级');
    await userEvent.clear(senior);
    await userEvent.type(senior, '12');
    await pickEffectiveDate();
    await userEvent.click(send());
    expect(await screen.findByText('请输入 0–10 之间的数，最多四位小数')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("puts the server's 422 on the grade, the fixed amount and the stage row it names", async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(422, {
        code: 'validation_failed',
        title: 'Unprocessable',
        errors: [
          { field: 'rates.mid', message: 'less than or equal to 10' },
          { field: 'fixed_amounts.parking', message: 'not a valid amount' },
          { field: 'stages.1.name', message: 'too long' },
          { field: 'stages', message: "the stages' shares add up to 90, not 100" },
        ],
      }),
    );
    renderWithProviders(<PlanFormModal onSubmit={onSubmit} onCancel={vi.fn()} />);
    await pickEffectiveDate();
    const rate = await screen.findByText('less than or equal to 10');
    expect(screen.getByLabelText('中级').closest('.ant-form-item')).toContainElement(rate);
    expect(screen.getByLabelText('车位').closest('.ant-form-item')).toContainElement(screen.getByText('not a valid amount'));
    expect(within(stageRows()[1] as HTMLElement).getByText('too long')).toBeInTheDocument();
    expect(screen.getByText("the stages' shares add up to 90, not 100")).toBeInTheDocument();
    // Every error found its field: nothing is left for the banner above the form.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
