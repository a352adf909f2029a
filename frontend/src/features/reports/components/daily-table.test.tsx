import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import type { ConsultantDay, DailyReport, Figure } from '../api/daily-report';
import { DailyCards } from './daily-cards';
import { DailyTable } from './daily-table';

const f = (day: string, month = day, year = month): Figure => ({ day, month_to_date: month, year_to_date: year });

function row(id: string, name: string, extra: Partial<ConsultantDay> = {}): ConsultantDay {
  return {
    consultant_id: id,
    name,
    figures: { visits: f('2', '5', '9'), collections: f('50000.00') },
    confirmed_by: null,
    confirmed_by_name: null,
    confirmed_at: null,
    differences: [],
    allowed_actions: ['confirm'],
    ...extra,
  };
}

const report: DailyReport = {
  project_id: 'p',
  date: '2026-12-02',
  timezone: 'Asia/Shanghai',
  metrics: [
    { key: 'visits', kind: 'count' },
    { key: 'collections', kind: 'money' },
  ],
  consultants: [
    row('a', '张三'),
    row('b', '李四', {
      confirmed_by: 's',
      confirmed_by_name: '王主管',
      confirmed_at: '2026-12-03T01:00:00Z',
      differences: [{ metric: 'visits', confirmed: f('1', '4', '8'), now: f('2', '5', '9') }],
      allowed_actions: [],
    }),
  ],
  totals: { visits: f('4', '10', '18'), collections: f('100000.00') },
  allowed_actions: ['confirm'],
};

describe('the daily report table', () => {
  it('shows each consultant, the totals, and highlights what moved since a confirmation', async () => {
    const onConfirm = vi.fn();
    renderWithProviders(<DailyTable report={report} onConfirm={onConfirm} confirming={null} />);
    expect(screen.getAllByTestId('consultant-name').map((n) => n.textContent)).toEqual(['张三', '李四']);
    const totals = screen.getByTestId('daily-totals');
    expect(within(totals).getByText('18')).toBeInTheDocument();
    expect(within(totals).getAllByText('100,000.00')).toHaveLength(3);
    expect(screen.getAllByTestId('figure-moved').map((n) => n.textContent)).toEqual(['2', '5', '9']);
    expect(screen.getByTestId('moved')).toBeInTheDocument();
    expect(screen.getAllByTestId('confirm-row')).toHaveLength(1);
    await userEvent.click(screen.getByTestId('confirm-row'));
    expect(onConfirm).toHaveBeenCalledWith('a');
  });

  it('draws a card per consultant on a phone, and none for totals a consultant may not read', () => {
    renderWithProviders(
      <DailyCards report={{ ...report, totals: null, consultants: [row('a', '张三', { allowed_actions: [] })] }} onConfirm={vi.fn()} confirming={null} />,
    );
    expect(screen.getAllByTestId('daily-card')).toHaveLength(1);
    expect(screen.queryByTestId('daily-totals-card')).toBeNull();
    expect(screen.queryByTestId('confirm-row')).toBeNull();
  });
});
