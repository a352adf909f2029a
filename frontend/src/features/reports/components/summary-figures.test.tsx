import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import type { Summary, SummaryFigure } from '../api/summaries';
import { SummaryFigures, SummaryPeople } from './summary-figures';

const fig = (value: string, previous: string, target: string | null, share: string | null): SummaryFigure => ({
  value,
  previous,
  change: String(Number(value) - Number(previous)),
  target,
  share,
});

const figures = {
  'subscriptions.units': fig('12', '15', '15', '0.8000'),
  calls_in: fig('30', '20', null, null),
  'visits.first': fig('8', '8', '10', '0.8000'),
  new_customers: fig('5', '4', null, null),
  'subscriptions.amount': fig('36000000.00', '0', null, null),
  'contracts.units': fig('3', '1', null, null),
  collections: fig('100000.00', '0', null, null),
};

const summary: Summary = {
  project_id: 'p',
  period: '2026-11',
  kind: 'month',
  start: '2026-11-01',
  end: '2026-11-30',
  timezone: 'Asia/Shanghai',
  status: 'draft',
  version: 0,
  live: true,
  metrics: [
    { key: 'calls_in', kind: 'count' },
    { key: 'subscriptions.units', kind: 'count' },
  ],
  figures: {
    through: '2026-11-30',
    previous_period: '2026-10',
    project: figures,
    teams: [],
    consultants: [{ user_id: 'c', name: '陈晓', supervisor_id: null, figures }],
    campaigns: [],
  },
  sections: [],
  submitted_by: null,
  submitted_at: null,
  approved_by: null,
  approved_at: null,
  allowed_actions: ['edit', 'submit'],
};

describe('the summary figures', () => {
  it('shows each figure against target, with its share and the change on the previous period', () => {
    renderWithProviders(<SummaryFigures summary={summary} narrow={false} />);
    const units = screen.getAllByRole('row').find((r) => within(r).queryByText('认购套数'));
    expect(units).toBeDefined();
    const cells = within(units as HTMLElement).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['认购套数', '12', '15', '80.0%', '15', '-3']);
    const calls = screen.getAllByRole('row').find((r) => within(r).queryByText('来电')) as HTMLElement;
    expect(within(calls).getAllByRole('cell').map((c) => c.textContent)).toEqual(['来电', '30', '—', '—', '20', '+10']);
  });

  it('shows cards on a phone, and each consultant with the share of their targets', () => {
    renderWithProviders(<SummaryFigures summary={summary} narrow />);
    expect(screen.getByTestId('summary-figure-cards')).toHaveTextContent('认购套数');
    renderWithProviders(<SummaryPeople summary={summary} narrow={false} />);
    expect(screen.getByText('陈晓')).toBeInTheDocument();
    expect(screen.getAllByText('· 80.0%').length).toBeGreaterThan(0);
  });
});
