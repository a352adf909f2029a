import { Card, Empty, Flex, List, Space, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { useMediaQuery } from '@/lib/use-media-query';
import type { Complaint } from '../api/get-complaints';
import { useComplaintsT } from '../i18n';
import { complaintPath } from '../lib/deadline';
import { useLevelText } from '../lib/use-level-text';
import { ComplaintStatusTag, SeverityTag } from './complaint-tags';
import { Countdown } from './countdown';

const PHONE = '(max-width: 575px)';

function Assignee({ complaint }: { complaint: Complaint }) {
  const levelText = useLevelText();
  return (
    <Space direction="vertical" size={0}>
      <span>{levelText(complaint.level)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {complaint.assignee_name ?? '—'}
      </Typography.Text>
    </Space>
  );
}

/** The complaints as a table, or as cards on a phone (a table of six columns does not fit 390 px). */
export function ComplaintsList({ complaints, loading }: { complaints: readonly Complaint[]; loading: boolean }) {
  const { t } = useComplaintsT();
  const phone = useMediaQuery(PHONE);
  if (phone) {
    if (!loading && complaints.length === 0) {
      return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('list.empty')} />;
    }
    return (
      <List
        loading={loading}
        style={{ padding: 8 }}
        dataSource={[...complaints]}
        rowKey="id"
        renderItem={(c) => (
          <Card size="small" style={{ marginBottom: 8 }} data-testid="complaint-row">
            <Link to={complaintPath(c.id)} style={{ fontWeight: 500 }} data-testid="complaint-link">
              {c.title}
            </Link>
            <Flex wrap gap={4} style={{ margin: '6px 0' }}>
              <ComplaintStatusTag status={c.status} />
              <SeverityTag severity={c.severity} />
              <Typography.Text type="secondary">{t(`categories.${c.category}`)}</Typography.Text>
            </Flex>
            <Flex justify="space-between" wrap gap={4}>
              <Assignee complaint={c} />
              <Countdown complaint={c} />
            </Flex>
          </Card>
        )}
      />
    );
  }
  return (
    <Table<Complaint>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...complaints]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('list.empty') }}
      onRow={() => ({ 'data-testid': 'complaint-row' }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('fields.title'),
          dataIndex: 'title',
          render: (title: string, c) => (
            <Link to={complaintPath(c.id)} style={{ fontWeight: 500 }} data-testid="complaint-link">
              {title}
            </Link>
          ),
        },
        { title: t('fields.category'), dataIndex: 'category', render: (v: Complaint['category']) => t(`categories.${v}`) },
        { title: t('fields.severity'), dataIndex: 'severity', render: (v: Complaint['severity']) => <SeverityTag severity={v} /> },
        { title: t('fields.status'), dataIndex: 'status', render: (v: Complaint['status']) => <ComplaintStatusTag status={v} /> },
        { title: t('fields.assignee'), key: 'level', render: (_: unknown, c) => <Assignee complaint={c} /> },
        { title: t('fields.deadline'), key: 'deadline', render: (_: unknown, c) => <Countdown complaint={c} /> },
      ]}
    />
  );
}
