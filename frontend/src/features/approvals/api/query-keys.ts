/** Every query of this feature lives under ['approvals']; decisions invalidate through these. */
export interface ApprovalListParams {
  status: 'pending' | 'approved' | 'rejected' | 'cancelled' | null;
  projectId: string | null;
}

export const approvalKeys = {
  all: ['approvals'] as const,
  lists: () => [...approvalKeys.all, 'list'] as const,
  list: (params: ApprovalListParams) => [...approvalKeys.lists(), params] as const,
};
