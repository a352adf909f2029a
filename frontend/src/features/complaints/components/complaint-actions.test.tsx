import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ComplaintAction } from '@/lib/allowed-actions';
import { renderWithProviders } from '@/testing/render';
import { ComplaintActionButtons } from './complaint-actions';

const ALL: ComplaintAction[] = ['comment', 'acknowledge', 'start', 'resolve', 'escalate', 'close', 'reopen', 'rating_link'];

const shown = () =>
  screen.queryAllByRole('button').map((button) => button.getAttribute('data-testid')?.replace('complaint-action-', ''));

describe("a complaint's buttons follow its allowed_actions", () => {
  it('shows exactly the allowed ones, the next step first', () => {
    renderWithProviders(<ComplaintActionButtons complaint={{ allowed_actions: ['comment', 'escalate', 'acknowledge'] }} onChoose={vi.fn()} />);
    expect(shown()).toEqual(['acknowledge', 'escalate', 'comment']);
  });

  it('shows none when nothing is allowed (a closed complaint past its reopening window)', () => {
    renderWithProviders(<ComplaintActionButtons complaint={{ allowed_actions: [] }} onChoose={vi.fn()} />);
    expect(shown()).toEqual([]);
  });

  it('offers each action on its own and hands the choice on', async () => {
    for (const action of ALL) {
      const onChoose = vi.fn();
      const { unmount } = renderWithProviders(<ComplaintActionButtons complaint={{ allowed_actions: [action] }} onChoose={onChoose} />);
      expect(shown()).toEqual([action]);
      await userEvent.click(screen.getByTestId(`complaint-action-${action}`));
      expect(onChoose).toHaveBeenCalledWith(action);
      unmount();
    }
  });

  it('ignores an action it does not know rather than drawing a blank button', () => {
    renderWithProviders(<ComplaintActionButtons complaint={{ allowed_actions: ['resolve', 'teleport'] }} onChoose={vi.fn()} />);
    expect(shown()).toEqual(['resolve']);
  });
});
