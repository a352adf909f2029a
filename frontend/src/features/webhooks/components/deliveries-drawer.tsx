import { App, Button, Drawer, Table, Tag, Typography } from 'antd';
import { useErrorMessage } from '@/lib/error-message';
import { useDeliveries, useRedeliver, type Webhook, type WebhookDelivery } from '../api/webhooks';
import { useWebhooksT } from '../i18n';

const COLORS = { pending: 'processing', succeeded: 'success', failed: 'error' } as const;

/** An endpoint's delivery log, newest first, with redelivery. */
export function DeliveriesDrawer({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const { t } = useWebhooksT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const deliveries = useDeliveries(webhook.id);
  const redeliver = useRedeliver();
  const rows = [...(deliveries.data ?? [])].reverse();

  return (
    <Drawer open width={960} title={`${t('deliveries')} · ${webhook.url}`} onClose={onClose}>
      <Table<WebhookDelivery>
        rowKey="id"
        size="small"
        loading={deliveries.isPending}
        dataSource={rows}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('createdAt'), dataIndex: 'created_at', render: (v: string) => new Date(v).toLocaleString() },
          { title: t('event'), dataIndex: 'event_type' },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (status: WebhookDelivery['status']) => (
              <Tag color={COLORS[status]} data-testid="delivery-status">
                {t(`deliveryStatus.${status}`)}
              </Tag>
            ),
          },
          { title: t('attempts'), dataIndex: 'attempts' },
          { title: t('code'), dataIndex: 'last_status_code', render: (v: number | null) => v ?? '—' },
          { title: t('latency'), dataIndex: 'last_latency_ms', render: (v: number | null) => (v == null ? '—' : `${v} ms`) },
          {
            title: t('response'),
            render: (_: unknown, row) => (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 220 }}>
                {row.last_error ?? row.last_response ?? ''}
              </Typography.Text>
            ),
          },
          {
            key: 'actions',
            render: (_: unknown, row) => (
              <Button
                size="small"
                onClick={() =>
                  redeliver.mutate(
                    { webhookId: webhook.id, deliveryId: row.id },
                    {
                      onSuccess: () => void message.success(t('redelivered')),
                      onError: (error) => void message.error(describe(error)),
                    },
                  )
                }
              >
                {t('redeliver')}
              </Button>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
