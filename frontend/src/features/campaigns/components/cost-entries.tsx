import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Form, Input, InputNumber, Table, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { QueryError } from '@/components/query-error';
import { formatMoney } from '@/lib/money';
import { useAddCost, useCampaignCosts, type Campaign, type CampaignCost } from '../api/campaigns';
import { useCampaignsT } from '../i18n';
import { withRunningTotal } from '../lib/campaigns';

interface CostValues {
  spent_on: Dayjs;
  amount: string;
  description: string;
}

function AddCostModal({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const { t } = useCampaignsT();
  const [form] = Form.useForm<CostValues>();
  const add = useAddCost(campaign);
  return (
    <FormModal<CostValues>
      title={t('costs.add')}
      form={form as FormInstance<CostValues>}
      errorMapping={{ fields: ['spent_on', 'amount', 'description'] }}
      initialValues={{ spent_on: dayjs() }}
      onCancel={onClose}
      onSubmit={async (values) => {
        await add.mutateAsync({
          spent_on: values.spent_on.format('YYYY-MM-DD'),
          amount: values.amount,
          description: values.description.trim(),
        });
        onClose();
      }}
    >
      <Form.Item name="spent_on" label={t('costs.spentOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="amount" label={t('costs.amount')} rules={[{ required: true }]}>
        <InputNumber<string> stringMode min="0.01" max="999999999999" precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="description" label={t('costs.description')} rules={[{ required: true, max: 500 }]}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** A campaign's cost entries in the order recorded, each with the running total, and a way to add one. */
export function CostEntries({ campaign }: { campaign: Campaign }) {
  const { t } = useCampaignsT();
  const costs = useCampaignCosts(campaign.id);
  const [adding, setAdding] = useState(false);
  const rows = withRunningTotal(costs.data ?? []);
  return (
    <Card
      size="small"
      title={t('costs.title')}
      extra={
        campaign.allowed_actions.includes('add_cost') && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-cost">
            {t('costs.add')}
          </Button>
        )
      }
    >
      {costs.isError && <QueryError error={costs.error} onRetry={() => void costs.refetch()} />}
      <Table<CampaignCost & { running: string }>
        size="small"
        rowKey="id"
        loading={costs.isPending}
        pagination={false}
        scroll={{ x: 520 }}
        dataSource={rows}
        locale={{ emptyText: <Empty description={t('costs.empty')} /> }}
        columns={[
          { title: t('costs.spentOn'), dataIndex: 'spent_on', width: 110 },
          { title: t('costs.description'), dataIndex: 'description' },
          { title: t('costs.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => formatMoney(v) },
          {
            title: t('costs.runningTotal'),
            dataIndex: 'running',
            align: 'right',
            render: (v: string) => formatMoney(v),
          },
          {
            title: t('costs.recordedBy'),
            dataIndex: 'recorded_by_name',
            responsive: ['md'],
            render: (v: string | null) => v ?? '—',
          },
        ]}
        summary={() =>
          rows.length > 0 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <Typography.Text strong>{t('costs.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <Typography.Text strong data-testid="cost-total">
                  {formatMoney(campaign.cost)}
                </Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
      {adding && <AddCostModal campaign={campaign} onClose={() => setAdding(false)} />}
    </Card>
  );
}
