import { CoffeeOutlined, StopOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Badge, Button, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { QueryError } from '@/components/query-error';
import { useRotation, type DutyStatus, type QueueEntry } from '../api/get-rotation';
import { useUpdateRosterEntry } from '../api/update-roster-entry';
import { useReceptionT } from '../i18n';

const STATUS_COLOR: Record<DutyStatus, string> = { on_duty: 'green', on_break: 'gold', absent: 'default' };

function StatusActions({ entry, canManage, isSelf }: { entry: QueueEntry; canManage: boolean; isSelf: boolean }) {
  const { t } = useReceptionT();
  const update = useUpdateRosterEntry();
  const change = (status: DutyStatus) => update.mutate({ entryId: entry.roster_entry_id, status });
  const statuses: DutyStatus[] = (['on_duty', 'on_break', 'absent'] as const).filter(
    (status) => status !== entry.status && (canManage || (isSelf && status !== 'absent')),
  );
  if (statuses.length === 0) return null;
  return (
    <Space size={4} wrap>
      {statuses.map((status) => (
        <Button
          key={status}
          size="small"
          loading={update.isPending && update.variables?.status === status}
          icon={status === 'on_break' ? <CoffeeOutlined /> : status === 'absent' ? <StopOutlined /> : <UserOutlined />}
          onClick={() => change(status)}
        >
          {t(`setStatus.${status}`)}
        </Button>
      ))}
    </Space>
  );
}

/** Today's queue from whoever is next; supervisors mark absences and breaks, consultants their own break. */
export function RotationQueue({
  projectId,
  canManage,
  myUserId,
}: {
  projectId: string;
  canManage: boolean;
  myUserId: string;
}) {
  const { t } = useReceptionT();
  const rotation = useRotation(projectId);
  if (rotation.isPending) return <Skeleton active />;
  if (rotation.isError) return <QueryError error={rotation.error} onRetry={() => void rotation.refetch()} />;
  const { queue } = rotation.data;
  if (queue.length === 0) return <Empty description={t('empty')} />;
  // Place in the queue among those who will take a turn; the away ones have none.
  const places = new Map(
    queue.filter((entry) => entry.status === 'on_duty').map((entry, index) => [entry.roster_entry_id, index + 1]),
  );
  return (
    <List
      data-testid="rotation-queue"
      dataSource={queue}
      renderItem={(entry) => (
        <List.Item
          style={entry.is_next ? { background: '#e6f4ff', borderRadius: 8, paddingInline: 12 } : { paddingInline: 12 }}
          actions={[
            <StatusActions key="status" entry={entry} canManage={canManage} isSelf={entry.user.id === myUserId} />,
          ]}
        >
          <List.Item.Meta
            avatar={
              <Badge count={places.get(entry.roster_entry_id) ?? 0} color={entry.is_next ? '#1677ff' : '#8c8c8c'}>
                <Avatar style={{ background: entry.status === 'on_duty' ? '#1677ff' : '#bfbfbf' }}>
                  {entry.user.full_name.slice(-1)}
                </Avatar>
              </Badge>
            }
            title={
              <Space size={6} wrap>
                <Typography.Text strong>{entry.user.full_name}</Typography.Text>
                {entry.is_next && <Tag color="blue">{t('nextUp')}</Tag>}
                <Tag color={STATUS_COLOR[entry.status]}>{t(`status.${entry.status}`)}</Tag>
              </Space>
            }
            description={t('turns', { count: entry.turns_today })}
          />
        </List.Item>
      )}
    />
  );
}
