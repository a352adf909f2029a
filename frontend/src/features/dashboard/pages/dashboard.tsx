import { Col, Row } from 'antd';
import type { ReactNode } from 'react';
import { COMPLAINT_OVERSEERS, hasRole, SUPERVISORS, type ProjectRole } from '@/lib/roles';
import { AbsorptionCard, ChannelsCard } from '../components/chart-cards';
import {
  AgencyStatementsCard,
  ApprovalsCard,
  CollectionsCard,
  ComplaintsCard,
  FollowUpsCard,
  OverdueCard,
  RosterCard,
} from '../components/summary-cards';
import { LatestCloseCard } from '../components/latest-close-card';
import { TeamDayCard } from '../components/team-day-card';
import { MonthTargetCard, MyTargetsCard } from '../components/target-cards';
import { cardsFor, type CardKey } from '../lib/cards';
import { dayBefore, dayIn, monthStart } from '../lib/days';

interface Props {
  projectId: string;
  /** The project's time zone: "today" is the office's day, not the browser's or UTC's. */
  timezone: string;
  role: ProjectRole | null;
  userId: string;
}

/** The team's day (a chart over a table) takes two thirds of a desktop row; the others a third. */
const WIDE: ReadonlySet<CardKey> = new Set(['teamDay']);

/** The home page's dashboard of `role` in a project: its cards, most valuable first, one column on a phone. */
export function Dashboard({ projectId, timezone, role, userId }: Props) {
  const today = dayIn(timezone);
  const yesterday = dayBefore(today);
  const card = (key: CardKey): ReactNode => {
    switch (key) {
      case 'teamDay':
        return <TeamDayCard projectId={projectId} today={today} yesterday={yesterday} />;
      case 'roster':
        return <RosterCard projectId={projectId} />;
      case 'approvals':
        return <ApprovalsCard projectId={projectId} />;
      case 'overdue':
        return <OverdueCard projectId={projectId} />;
      case 'complaints':
        return (
          <ComplaintsCard
            projectId={projectId}
            month={hasRole(role, COMPLAINT_OVERSEERS) ? { from: monthStart(today), to: today } : null}
          />
        );
      case 'myTargets':
        return <MyTargetsCard projectId={projectId} today={today} userId={userId} />;
      case 'followUps':
        return <FollowUpsCard projectId={projectId} />;
      case 'monthTarget':
        return <MonthTargetCard projectId={projectId} today={today} linkTargets={hasRole(role, SUPERVISORS)} />;
      case 'absorption':
        return <AbsorptionCard projectId={projectId} />;
      case 'channels':
        return <ChannelsCard projectId={projectId} today={today} />;
      case 'collections':
        return <CollectionsCard projectId={projectId} today={today} />;
      case 'agencyStatements':
        return <AgencyStatementsCard projectId={projectId} />;
      case 'latestClose':
        return <LatestCloseCard projectId={projectId} />;
    }
  };
  return (
    <Row gutter={[16, 16]} data-testid="dashboard" data-role={role ?? ''}>
      {cardsFor(role).map((key) => (
        <Col key={key} xs={24} lg={WIDE.has(key) ? 24 : 12} xl={WIDE.has(key) ? 16 : 8}>
          {card(key)}
        </Col>
      ))}
    </Row>
  );
}
