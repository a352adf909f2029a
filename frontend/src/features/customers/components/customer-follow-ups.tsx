import { Button, Empty, List, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '@/lib/format';
import { useCustomerFollowUps } from '../api/get-customer-follow-ups';
import { useCustomersT } from '../i18n';
import { CompleteFollowUpModal } from './activity-modals';
import { isKnownMethod } from './follow-up-method';

/** The customer's open follow-ups, each with "done". */
export function CustomerFollowUps({ customerId, canAct }: { customerId: string; canAct: boolean }) {
  const { t } = useCustomersT();
  const followUps = useCustomerFollowUps(customerId);
  const [completing, setCompleting] = useState<string | null>(null);
  if (followUps.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  const open = (followUps.data ?? []).filter((followUp) => followUp.done_at === null);
  if (open.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noFollowUps')} />;
  return (
    <>
      <List
        size="small"
        dataSource={open}
        renderItem={(followUp) => (
          <List.Item
            actions={
              canAct
                ? [
                    <Button key="done" size="small" onClick={() => setCompleting(followUp.id)}>
                      {t('actions.done')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <>
                  {formatDateTime(followUp.due_at)}{' '}
                  {followUp.overdue && <Tag color="red">{t('followUp.overdue')}</Tag>}
                  {followUp.method && (
                    <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                      {isKnownMethod(followUp.method) ? t(`followUp.methods.${followUp.method}`) : followUp.method}
                    </Typography.Text>
                  )}
                </>
              }
              description={followUp.notes}
            />
          </List.Item>
        )}
      />
      {completing !== null && <CompleteFollowUpModal followUpId={completing} onClose={() => setCompleting(null)} />}
    </>
  );
}
