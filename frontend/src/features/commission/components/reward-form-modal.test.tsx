import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { rewardBody, sideOf, typedAmount } from '../lib/reward-body';
import { C1, C2 } from '../lib/test-data';
import { RewardFormModal } from './reward-form-modal';

describe('the sign of a reward or a penalty', () => {
  it('comes from the toggle, whatever sign was typed', () => {
    const base = { consultant_id: C1, month: '2026-04', category: 'other' as const, reason: ' 说明 ' };
    expect(rewardBody({ ...base, side: 'reward', amount: '1000' }).amount).toBe('1000.00');
    expect(rewardBody({ ...base, side: 'penalty', amount: '200.5' }).amount).toBe('-200.50');
    expect(rewardBody({ ...base, side: 'penalty', amount: '-200' }).amount).toBe('-200.00');
    expect(rewardBody({ ...base, side: 'reward', amount: '-50' }).amount).toBe('50.00');
    expect(rewardBody({ ...base, side: 'reward', amount: '1' }).reason).toBe('说明');
  });

  it('takes no zero, no third decimal and no text', () => {
    for (const text of ['0', '0.00', '-0', '1.234', 'abc', '', '  ']) expect(typedAmount(text)).toBeNull();
    expect(() => rewardBody({ consultant_id: C1, month: '2026-04', category: 'other', reason: 'x', side: 'reward', amount: '0' })).toThrow();
  });

  it('reads back from a signed amount', () => {
    expect(sideOf('-200.00')).toBe('penalty');
    expect(sideOf('1000.00')).toBe('reward');
  });
});

async function pick(label: string, option: string) {
  await userEvent.click(screen.getByLabelText(label));
  await userEvent.click(await screen.findByTitle(option));
}

describe('the reward-or-penalty form', () => {
  it('sends a penalty category as a negative amount, the month and the consultant chosen', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const onClose = vi.fn();
    renderWithProviders(
      <RewardFormModal
        consultants={[
          { userId: C1, name: '陈一' },
          { userId: C2, name: '陈二' },
        ]}
        month="2026-04"
        onSubmit={onSubmit}
        onClose={onClose}
      />,
    );
    await pick('置业顾问', '陈二');
    await pick('类别', '迟到');
    // A penalty category turns the toggle to penalty.
    expect(screen.getByRole('radio', { name: '处罚' })).toBeChecked();
    await userEvent.type(screen.getByLabelText('金额（元）'), '200');
    await userEvent.type(screen.getByLabelText('事由'), '迟到两次');
    await userEvent.click(screen.getByRole('button', { name: '登记奖罚' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ consultant_id: C2, month: '2026-04', amount: '-200.00', category: 'lateness', reason: '迟到两次' }),
    );
    expect(onClose).toHaveBeenCalled();
  });

  it('keeps a reward positive, and refuses a zero amount before sending', async () => {
    const onSubmit = vi.fn(async () => undefined);
    renderWithProviders(<RewardFormModal consultants={[{ userId: C1, name: '陈一' }]} month="2026-04" onSubmit={onSubmit} onClose={vi.fn()} />);
    await pick('置业顾问', '陈一');
    await pick('类别', '销冠奖励');
    expect(screen.getByRole('radio', { name: '奖励' })).toBeChecked();
    await userEvent.type(screen.getByLabelText('金额（元）'), '0');
    await userEvent.type(screen.getByLabelText('事由'), '上月销冠');
    await userEvent.click(screen.getByRole('button', { name: '登记奖罚' }));
    expect(await screen.findByText('请输入大于 0 的金额，最多两位小数')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.clear(screen.getByLabelText('金额（元）'));
    await userEvent.type(screen.getByLabelText('金额（元）'), '1000');
    await userEvent.click(screen.getByRole('button', { name: '登记奖罚' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ amount: '1000.00', category: 'top_seller' })));
  });
});
