import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ApprovalAction } from '@/lib/allowed-actions';
import { renderWithProviders } from '@/testing/render';
import type { Approval } from '../api/get-approvals';
import { ApprovalCard } from './approval-card';

function approval(allowed: ApprovalAction[], canDecide = false): Approval {
  return {
    id: 'a-1',
    created_at: '2026-11-20T02:00:00Z',
    updated_at: '2026-11-20T02:00:00Z',
    version: 1,
    project_id: 'p-1',
    kind: 'deal_discount',
    subject_id: 'op-1',
    required_role: 'supervisor',
    status: 'pending',
    title: '3-1-1201 折扣',
    summary: {},
    requested_by: 'u-c1',
    request_comment: null,
    decided_by: null,
    decided_at: null,
    decision_comment: null,
    can_decide: canDecide,
    allowed_actions: allowed,
  } as Approval;
}

const approve = () => screen.queryByRole('button', { name: /通\s*过/ });
const reject = () => screen.queryByRole('button', { name: /驳\s*回/ });

describe("an approval's buttons follow its allowed_actions", () => {
  it('offers approving and rejecting when the server allows them, and hands the choice on', async () => {
    const onDecide = vi.fn();
    const request = approval(['approve', 'reject']);
    renderWithProviders(<ApprovalCard approval={request} onDecide={onDecide} />);
    await userEvent.click(approve()!);
    await userEvent.click(reject()!);
    expect(onDecide.mock.calls).toEqual([
      [request, true],
      [request, false],
    ]);
  });

  it('offers neither without the actions, and says whose decision it waits for', () => {
    // The older can_decide no longer decides the buttons.
    renderWithProviders(<ApprovalCard approval={approval([], true)} onDecide={vi.fn()} />);
    expect(approve()).not.toBeInTheDocument();
    expect(reject()).not.toBeInTheDocument();
    expect(screen.getByText('等待销售主管审批')).toBeInTheDocument();
  });

  it('offers each action on its own', () => {
    renderWithProviders(<ApprovalCard approval={approval(['reject'])} onDecide={vi.fn()} />);
    expect(reject()).toBeInTheDocument();
    expect(approve()).not.toBeInTheDocument();
  });
});
