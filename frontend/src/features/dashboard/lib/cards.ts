import type { ProjectRole } from '@/lib/roles';

/** The cards a dashboard can show; each reads one or two endpoints. */
export type CardKey =
  | 'teamDay'
  | 'roster'
  | 'approvals'
  | 'overdue'
  | 'complaints'
  | 'myTargets'
  | 'followUps'
  | 'monthTarget'
  | 'absorption'
  | 'channels'
  | 'collections'
  | 'agencyStatements'
  | 'latestClose';

/*
 * Most valuable first. Each card is listed only for roles its endpoints answer (tests/test_access_matrix.py):
 * a 403 would still reach the console, so a role never asks for what it may not read. The receivables
 * aging is the sales line's and finance's, not the developer's rep's; absorption and channels are not
 * a consultant's.
 */
const CARDS: Record<ProjectRole, readonly CardKey[]> = {
  supervisor: ['teamDay', 'roster', 'approvals', 'overdue', 'complaints'],
  site_manager: ['teamDay', 'roster', 'approvals', 'monthTarget', 'overdue', 'absorption', 'channels', 'complaints'],
  project_manager: ['monthTarget', 'absorption', 'teamDay', 'approvals', 'channels', 'overdue', 'complaints'],
  admin: ['monthTarget', 'absorption', 'teamDay', 'approvals', 'channels', 'overdue', 'complaints'],
  consultant: ['myTargets', 'followUps', 'overdue'],
  developer_rep: ['absorption', 'collections', 'latestClose', 'agencyStatements', 'approvals', 'complaints'],
  finance: ['collections', 'overdue', 'agencyStatements'],
};

/** The cards of `role`'s dashboard, in order; none without a role in the project. */
export function cardsFor(role: ProjectRole | null): readonly CardKey[] {
  return role === null ? [] : CARDS[role];
}
