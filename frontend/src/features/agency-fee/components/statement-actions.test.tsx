import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AgencyFeeStatementAction } from '@/lib/allowed-actions';
import { renderWithProviders } from '@/testing/render';
import { StatementActionButtons } from './statement-actions';

const ALL: AgencyFeeStatementAction[] = ['recompute', 'submit', 'confirm', 'dispute', 'return', 'invoice', 'record_payment'];

const shown = () =>
  screen.queryAllByRole('button').map((button) => button.getAttribute('data-testid')?.replace('statement-action-', ''));

describe("a statement's buttons follow its allowed_actions", () => {
  it("shows a draft's preparer recompute and submit, submit first", () => {
    renderWithProviders(<StatementActionButtons statement={{ allowed_actions: ['recompute', 'submit'] }} onChoose={vi.fn()} />);
    expect(shown()).toEqual(['submit', 'recompute']);
  });

  it("shows the developer's rep confirm, dispute and return on a submitted one", () => {
    renderWithProviders(
      <StatementActionButtons statement={{ allowed_actions: ['confirm', 'dispute', 'return'] }} onChoose={vi.fn()} />,
    );
    expect(shown()).toEqual(['confirm', 'dispute', 'return']);
  });

  it('shows nothing on a paid statement', () => {
    renderWithProviders(<StatementActionButtons statement={{ allowed_actions: [] }} onChoose={vi.fn()} />);
    expect(shown()).toEqual([]);
  });

  it('offers each action on its own and hands the choice on', async () => {
    for (const action of ALL) {
      const onChoose = vi.fn();
      const { unmount } = renderWithProviders(
        <StatementActionButtons statement={{ allowed_actions: [action] }} selectedLines={1} onChoose={onChoose} />,
      );
      expect(shown()).toEqual([action]);
      await userEvent.click(screen.getByTestId(`statement-action-${action}`));
      expect(onChoose).toHaveBeenCalledWith(action);
      unmount();
    }
  });

  it('waits for ticked lines before a dispute, and counts them', () => {
    const { rerender } = renderWithProviders(
      <StatementActionButtons statement={{ allowed_actions: ['dispute'] }} selectedLines={0} onChoose={vi.fn()} />,
    );
    expect(screen.getByTestId('statement-action-dispute')).toBeDisabled();
    rerender(<StatementActionButtons statement={{ allowed_actions: ['dispute'] }} selectedLines={2} onChoose={vi.fn()} />);
    expect(screen.getByTestId('statement-action-dispute')).toBeEnabled();
    expect(screen.getByTestId('statement-action-dispute')).toHaveTextContent('(2)');
  });

  it('ignores an action it does not know rather than drawing a blank button', () => {
    renderWithProviders(<StatementActionButtons statement={{ allowed_actions: ['submit', 'shred'] }} onChoose={vi.fn()} />);
    expect(shown()).toEqual(['submit']);
  });
});
