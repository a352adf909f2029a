import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useCommonT } from '@/i18n';
import { can } from '@/lib/allowed-actions';
import { formatDateTime } from '@/lib/format';
import type { Approval } from '../api/get-approvals';
import { useApprovalsT } from '../i18n';
import { ApprovalSummary } from './approval-summary';

const STATUS_COLOR: Record<Approval['status'], string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  cancelled: 'default',
};

export function ApprovalCard({
  approval,
  onDecide,
  subjectLink,
}: {
  approval: Approval;
  onDecide: (approval: Approval, approve: boolean) => void;
  /** A link to what is asked about (the page composing the inbox knows where, e.g. a deal). */
  subjectLink?: ReactNode;
}) {
  const { t } = useApprovalsT();
  const common = useCommonT().t;
  const kindLabel = (t as (key: string) => string)(`kinds.${approval.kind}`);
  return (
    <Card
      size="small"
      data-testid="approval-card"
      title={
        <Space wrap size={8}>
          <Tag color="blue">{kindLabel === `kinds.${approval.kind}` ? approval.kind : kindLabel}</Tag>
          <span>{approval.title}</span>
        </Space>
      }
      extra={<Tag color={STATUS_COLOR[approval.status]}>{t(`statuses.${approval.status}`)}</Tag>}
    >
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <ApprovalSummary summary={approval.summary} />
        {subjectLink}
        {approval.request_comment && (
          <Typography.Text>
            <Typography.Text type="secondary">{t('requestComment')}：</Typography.Text>
            {approval.request_comment}
          </Typography.Text>
        )}
        {approval.decision_comment && (
          <Typography.Text>
            <Typography.Text type="secondary">{t('decisionComment')}：</Typography.Text>
            {approval.decision_comment}
          </Typography.Text>
        )}
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {approval.requested_by_name ? `${t('requestedBy')} ${approval.requested_by_name} · ` : ''}
            {t('requestedAt')} {formatDateTime(approval.created_at)} · {t('requiredRole')} {common(`roles.${approval.required_role}`)}
            {approval.decided_at ? ` · ${t('decided', { time: formatDateTime(approval.decided_at) })}` : ''}
            {approval.decided_by_name ? ` · ${t('decidedBy')} ${approval.decided_by_name}` : ''}
          </Typography.Text>
          {can(approval, 'approve') || can(approval, 'reject') ? (
            <Space>
              {can(approval, 'reject') && (
                <Button danger icon={<CloseOutlined />} onClick={() => onDecide(approval, false)}>
                  {t('reject')}
                </Button>
              )}
              {can(approval, 'approve') && (
                <Button type="primary" icon={<CheckOutlined />} onClick={() => onDecide(approval, true)}>
                  {t('approve')}
                </Button>
              )}
            </Space>
          ) : approval.status === 'pending' ? (
            <Typography.Text type="secondary">{t('waiting', { role: common(`roles.${approval.required_role}`) })}</Typography.Text>
          ) : null}
        </Flex>
      </Space>
    </Card>
  );
}
