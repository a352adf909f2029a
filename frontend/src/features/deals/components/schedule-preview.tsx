import { Table, Typography } from 'antd';
import type { Schemas } from '@/api/client';
import { formatDateTime } from '@/lib/format';
import { useDealsT } from '../i18n';
import { addMoney } from '@/lib/money';
import { MoneyText } from './money-text';

type Line = Schemas['ScheduleLineOut'];

/** The schedule a quote would create (seq, item, due date, amount) with its total. */
export function SchedulePreview({ lines }: { lines: readonly Line[] }) {
  const { t } = useDealsT();
  const total = lines.length > 0 ? addMoney(...lines.map((line) => line.amount)) : '0.00';
  return (
    <Table<Line>
      rowKey="seq"
      size="small"
      pagination={false}
      dataSource={[...lines]}
      data-testid="schedule-preview"
      columns={[
        { title: t('fields.seq'), dataIndex: 'seq', width: 56 },
        { title: t('fields.kind'), dataIndex: 'kind', render: (kind: Line['kind']) => t(`lineKinds.${kind}`) },
        { title: t('fields.dueOn'), dataIndex: 'due_on', render: (d: string) => formatDateTime(d).slice(0, 10) },
        { title: t('fields.amount'), dataIndex: 'amount', align: 'right', render: (a: string) => <MoneyText value={a} /> },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={3}>
            <Typography.Text strong>{t('wizard.total')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <MoneyText value={total} strong />
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
