import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { QueryError } from '@/components/query-error';
import { useRelatedComplaints } from '../api/get-complaints';
import { useComplaintsT } from '../i18n';
import { complaintPath } from '../lib/deadline';
import { ComplaintStatusTag, SeverityTag } from './complaint-tags';
import { Countdown } from './countdown';
import { FileComplaintModal } from './file-complaint-modal';

/**
 * A customer's or a deal's complaints, for their page, with a button filing one already linked to
 * them. Give `customerId` or `dealId`; `about` names the customer or deal in the filing form.
 */
export function RelatedComplaintsCard({
  projectId,
  customerId,
  dealId,
  about,
}: {
  projectId: string;
  customerId?: string;
  dealId?: string;
  about?: string;
}) {
  const { t } = useComplaintsT();
  const [filing, setFiling] = useState(false);
  const complaints = useRelatedComplaints(projectId, { customerId: customerId ?? null, dealId: dealId ?? null });
  let body;
  if (complaints.isPending) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (complaints.isError) body = <QueryError error={complaints.error} onRetry={() => void complaints.refetch()} />;
  else if (complaints.data.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('card.empty')} />;
  else {
    body = (
      <List
        size="small"
        dataSource={complaints.data}
        rowKey="id"
        renderItem={(c) => (
          <List.Item data-testid="related-complaint" extra={<Countdown complaint={c} />}>
            <Space size={6} wrap>
              <Link to={complaintPath(c.id)}>{c.title}</Link>
              <ComplaintStatusTag status={c.status} />
              <SeverityTag severity={c.severity} />
            </Space>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Card
      title={t('card.title')}
      size="small"
      data-testid="related-complaints"
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="file-related-complaint">
          {t('card.file')}
        </Button>
      }
    >
      {body}
      {filing && (
        <FileComplaintModal
          projectId={projectId}
          customerId={customerId}
          dealId={dealId}
          about={about}
          onClose={() => setFiling(false)}
        />
      )}
    </Card>
  );
}
