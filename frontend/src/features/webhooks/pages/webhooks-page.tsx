import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import {
  useDeleteWebhook,
  useRotateSecret,
  useSendTest,
  useUpdateWebhook,
  useWebhooks,
  type Webhook,
} from '../api/webhooks';
import { CreateWebhookModal } from '../components/create-webhook-modal';
import { DeliveriesDrawer } from '../components/deliveries-drawer';
import { SecretModal } from '../components/secret-modal';
import { useWebhooksT } from '../i18n';

/** The organization admin's webhook endpoints: create (secret shown once), enable, test, deliveries. */
export function WebhooksPage() {
  const { t } = useWebhooksT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const webhooks = useWebhooks();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateSecret();
  const sendTest = useSendTest();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const failed = (error: unknown) => void message.error(describe(error));

  if (webhooks.isError) return <QueryError error={webhooks.error} onRetry={() => void webhooks.refetch()} />;
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('create')}
          </Button>
        }
      />
      <Card>
        <Table<Webhook>
          rowKey="id"
          loading={webhooks.isPending}
          dataSource={webhooks.data ?? []}
          pagination={false}
          locale={{ emptyText: t('empty') }}
          columns={[
            { title: t('url'), dataIndex: 'url', render: (url: string, row) => <span title={row.description ?? ''}>{url}</span> },
            {
              title: t('eventTypes'),
              dataIndex: 'event_types',
              render: (types: string[]) => types.map((type) => <Tag key={type}>{type}</Tag>),
            },
            {
              title: t('status'),
              dataIndex: 'enabled',
              render: (enabled: boolean, row) =>
                enabled ? (
                  <Tag color="success">{t('enabled')}</Tag>
                ) : (
                  <Tooltip title={row.disabled_reason ?? t('disabledHint')}>
                    <Tag color="error" data-testid="webhook-disabled">
                      {t('disabled')}
                    </Tag>
                  </Tooltip>
                ),
            },
            {
              key: 'actions',
              render: (_: unknown, row) => (
                <Space wrap size="small">
                  <Button size="small" onClick={() => setLogOf(row)}>
                    {t('deliveries')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() =>
                      sendTest.mutate(row.id, { onSuccess: () => void message.success(t('testSent')), onError: failed })
                    }
                  >
                    {t('sendTest')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => update.mutate({ id: row.id, body: { enabled: !row.enabled } }, { onError: failed })}
                  >
                    {row.enabled ? t('disable') : t('enable')}
                  </Button>
                  <Popconfirm
                    title={t('rotateConfirm')}
                    onConfirm={() =>
                      rotate.mutate(row.id, { onSuccess: (answer) => setSecret(answer.secret), onError: failed })
                    }
                  >
                    <Button size="small">{t('rotate')}</Button>
                  </Popconfirm>
                  <Popconfirm title={t('removeConfirm')} onConfirm={() => remove.mutate(row.id, { onError: failed })}>
                    <Button size="small" danger>
                      {t('remove')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
        <LoadMore
          loaded={webhooks.data?.length ?? 0}
          hasMore={webhooks.hasNextPage}
          loading={webhooks.isFetchingNextPage}
          onLoadMore={() => void webhooks.fetchNextPage()}
        />
      </Card>
      {creating && (
        <CreateWebhookModal
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setSecret(created.secret);
          }}
        />
      )}
      {secret !== null && <SecretModal secret={secret} onClose={() => setSecret(null)} />}
      {logOf !== null && <DeliveriesDrawer webhook={logOf} onClose={() => setLogOf(null)} />}
    </>
  );
}
