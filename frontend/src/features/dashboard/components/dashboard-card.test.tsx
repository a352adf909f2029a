import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import { renderWithProviders } from '@/testing/render';
import { DashboardCard } from './dashboard-card';

const base = { title: '投诉', testId: 'card', loading: false, error: null };

describe('a dashboard card', () => {
  it('shows its content once loaded', () => {
    renderWithProviders(<DashboardCard {...base}>9 open</DashboardCard>);
    expect(screen.getByTestId('card')).toHaveTextContent('9 open');
  });

  it('says when there is nothing to show', () => {
    renderWithProviders(<DashboardCard {...base} empty emptyText="今天没有排班" />);
    expect(screen.getByTestId('card')).toHaveTextContent('今天没有排班');
  });

  it('hides itself on a 403: what the caller may not read is not theirs to see', () => {
    const error = new ApiError(403, { title: 'Forbidden', code: 'forbidden' });
    renderWithProviders(<DashboardCard {...base} error={error} />);
    expect(screen.queryByTestId('card')).toBeNull();
  });

  it('keeps its place with a notice on any other failure', () => {
    const error = new ApiError(500, { title: 'Server error' });
    renderWithProviders(<DashboardCard {...base} error={error}>never</DashboardCard>);
    expect(screen.getByTestId('card')).toHaveTextContent('暂时无法加载');
    expect(screen.getByTestId('card')).not.toHaveTextContent('never');
  });
});
