import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useCommonT } from '@/i18n';
import { formatDateTime } from '@/lib/format';
import type { ApiKey } from '../api/api-keys';
import { useApiKeysT } from '../i18n';
import { keyState, type KeyState } from '../key-state';

const STATE_COLOR: Record<KeyState, string> = { active: 'green', revoked: 'default', expired: 'orange' };

export function ApiKeysTable({
  keys,
  loading,
  projectName,
  onRevoke,
}: {
  keys: readonly ApiKey[];
  loading: boolean;
  projectName: (id: string) => string;
  onRevoke: (key: ApiKey) => Promise<unknown>;
}) {
  const { t } = useApiKeysT();
  const common = useCommonT().t;
  return (
    <Table<ApiKey>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...keys]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('fields.name'), dataIndex: 'name' },
        {
          title: t('fields.prefix'),
          dataIndex: 'prefix',
          render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
        },
        {
          title: t('fields.scopes'),
          dataIndex: 'scopes',
          render: (scopes: string[]) => (
            <Space size={[0, 4]} wrap>
              {scopes.map((scope) => (
                <Tag key={scope}>{scope}</Tag>
              ))}
            </Space>
          ),
        },
        {
          title: t('fields.projects'),
          dataIndex: 'project_ids',
          render: (ids: string[] | null) => (ids ? ids.map(projectName).join('、') : t('fields.allProjects')),
        },
        { title: t('fields.createdBy'), dataIndex: 'created_by_name', render: (name: string | null) => name ?? '—' },
        { title: common('table.createdAt'), dataIndex: 'created_at', render: formatDateTime },
        {
          title: t('fields.lastUsedAt'),
          dataIndex: 'last_used_at',
          render: (at: string | null) => (at ? formatDateTime(at) : t('fields.neverUsed')),
        },
        {
          title: t('fields.expiresAt'),
          dataIndex: 'expires_at',
          render: (at: string | null) => (at ? formatDateTime(at) : t('fields.never')),
        },
        {
          title: t('fields.status'),
          key: 'state',
          render: (_, key) => <Tag color={STATE_COLOR[keyState(key)]}>{t(`state.${keyState(key)}`)}</Tag>,
        },
        {
          title: common('table.actions'),
          key: 'actions',
          fixed: 'right',
          render: (_, key) =>
            key.revoked_at ? null : (
              <Popconfirm
                title={t('revoke.confirm', { name: key.name })}
                okText={t('revoke.action')}
                okButtonProps={{ danger: true }}
                cancelText={common('actions.cancel')}
                onConfirm={() => onRevoke(key)}
              >
                <Button type="link" size="small" danger data-testid={`revoke-${key.prefix}`}>
                  {t('revoke.action')}
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}
