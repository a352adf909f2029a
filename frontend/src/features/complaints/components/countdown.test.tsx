import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { Countdown } from './countdown';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const HOUR = 3_600_000;

function complaint(status: 'open' | 'acknowledged' | 'in_progress' | 'resolved', ackIn: number, resolveIn: number, overdue = false) {
  return {
    status,
    acknowledge_due_at: new Date(NOW + ackIn).toISOString(),
    resolve_due_at: new Date(NOW + resolveIn).toISOString(),
    overdue,
  };
}

describe('the countdown to the deadline that matters', () => {
  it('counts to the acknowledgement of an open complaint, in the normal colour', () => {
    renderWithProviders(<Countdown complaint={complaint('open', 90 * 60_000, 24 * HOUR)} now={NOW} />);
    const countdown = screen.getByTestId('complaint-countdown');
    expect(countdown).toHaveTextContent('1小时30分 内受理');
    expect(countdown).toHaveAttribute('data-overdue', 'false');
    expect(countdown.className).not.toMatch(/danger/);
  });

  it('counts to the resolution once acknowledged, in days when far', () => {
    renderWithProviders(<Countdown complaint={complaint('in_progress', -HOUR, 26 * HOUR)} now={NOW} />);
    expect(screen.getByTestId('complaint-countdown')).toHaveTextContent('1天2小时 内解决');
  });

  it('is red and says by how much once the deadline has passed', () => {
    renderWithProviders(<Countdown complaint={complaint('open', -45 * 60_000, 24 * HOUR)} now={NOW} />);
    const countdown = screen.getByTestId('complaint-countdown');
    expect(countdown).toHaveTextContent('受理超时 45分钟');
    expect(countdown).toHaveAttribute('data-overdue', 'true');
    expect(countdown.className).toMatch(/danger/);
  });

  it('is red when the server says overdue, even if this clock lags', () => {
    renderWithProviders(<Countdown complaint={complaint('acknowledged', -HOUR, 5 * 60_000, true)} now={NOW} />);
    expect(screen.getByTestId('complaint-countdown')).toHaveAttribute('data-overdue', 'true');
  });

  it('has no deadline once resolved', () => {
    renderWithProviders(<Countdown complaint={complaint('resolved', -HOUR, -HOUR)} now={NOW} />);
    expect(screen.queryByTestId('complaint-countdown')).not.toBeInTheDocument();
  });
});
