import { App, Button, Card, Col, Empty, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCommonT } from '@/i18n';
import { useMemberNames } from '../api/get-members';
import { useReceivables, type Receivable } from '../api/get-receivables';
import { CollectionNoteModal } from '../components/collection-note-modal';
import { MoneyText } from '../components/money-text';
import { useDealsT } from '../i18n';
import { addMoney } from '@/lib/money';
import '../components/deals.css';

const BUCKET_COLORS: Record<string, string> = { not_due: '#8c8c8c', '0-30': '#d4b106', '31-60': '#fa8c16', '61-90': '#f5222d', '90+': '#a8071a' };
const BUCKET_TAGS: Record<string, string> = { not_due: 'default', '0-30': 'gold', '31-60': 'orange', '61-90': 'red', '90+': 'magenta' };

/** 应收与催款: open lines by age, each with the consultant who chases it and the last note. */
export function ReceivablesPage({ projectId, projectName }: { projectId: string; projectName: string }) {
  const { t } = useDealsT();
  const common = useCommonT().t;
  const { message } = App.useApp();
  const [overdue, setOverdue] = useState(true);
  const receivables = useReceivables(projectId, overdue);
  const names = useMemberNames(projectId).data ?? {};
  const [noting, setNoting] = useState<Receivable | null>(null);
  const data = receivables.data;
  const buckets = data?.buckets ?? [];
  const total = buckets.length > 0 ? addMoney(...buckets.map((b) => b.outstanding)) : '0.00';
  const bucketLabel = (b: string) => (t as (k: string) => string)(`receivables.buckets.${b}`);

  return (
    <>
      <PageHeader
        title={t('receivables.title')}
        subtitle={`${projectName} · ${t('receivables.subtitle')}`}
        extra={
          <Segmented<'overdue' | 'all'>
            value={overdue ? 'overdue' : 'all'}
            onChange={(v) => setOverdue(v === 'overdue')}
            options={[
              { value: 'overdue', label: t('receivables.overdueOnly') },
              { value: 'all', label: t('receivables.all') },
            ]}
          />
        }
      />
      {receivables.isError && <QueryError error={receivables.error} onRetry={() => void receivables.refetch()} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="receivable-buckets">
        {buckets.map((bucket) => (
          <Col key={bucket.bucket} xs={12} md={overdue ? 6 : 8} xl={overdue ? 6 : 4}>
            <Card className="deal-bucket-card" size="small" style={{ borderTop: `3px solid ${BUCKET_COLORS[bucket.bucket] ?? '#1668dc'}` }}>
              <Typography.Text type="secondary">{bucketLabel(bucket.bucket)}</Typography.Text>
              <div style={{ fontSize: 20, fontWeight: 600, margin: '4px 0', fontVariantNumeric: 'tabular-nums' }}>
                <MoneyText value={bucket.outstanding} strong size={20} />
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('receivables.lines', { count: bucket.lines })}
              </Typography.Text>
            </Card>
          </Col>
        ))}
        {!overdue && buckets.length > 0 && (
          <Col xs={24} md={8} xl={4}>
            <Card className="deal-bucket-card" size="small" style={{ borderTop: '3px solid #1668dc' }}>
              <Typography.Text type="secondary">{t('receivables.total')}</Typography.Text>
              <div style={{ margin: '4px 0' }}>
                <MoneyText value={total} strong size={20} />
              </div>
            </Card>
          </Col>
        )}
      </Row>
      {data?.asOf && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {t('receivables.asOf', { date: data.asOf })}
        </Typography.Text>
      )}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Receivable>
          rowKey="line_id"
          size="middle"
          loading={receivables.isPending}
          dataSource={data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="receivables-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={overdue ? t('receivables.empty') : t('receivables.emptyAll')} /> }}
          columns={[
            {
              title: t('fields.unit'),
              dataIndex: 'unit_code',
              fixed: 'left',
              render: (code: string, r: Receivable) => <Link to={`/deals/${r.deal_id}`}>{code}</Link>,
            },
            { title: t('fields.outstanding'), dataIndex: 'outstanding', align: 'right', render: (a: string) => <MoneyText value={a} strong /> },
            {
              title: t('receivables.daysOverdue'),
              key: 'age',
              render: (_: unknown, r: Receivable) => (
                <Space size={4}>
                  <Tag color={BUCKET_TAGS[r.bucket]}>{bucketLabel(r.bucket)}</Tag>
                  {r.days_overdue > 0 && <Typography.Text type="secondary">{t('receivables.days', { count: r.days_overdue })}</Typography.Text>}
                </Space>
              ),
            },
            { title: t('receivables.assignedTo'), dataIndex: 'assigned_to', render: (id: string | null) => (id ? (names[id] ?? '—') : '—') },
            { title: t('fields.kind'), dataIndex: 'kind', render: (k: Receivable['kind']) => t(`lineKinds.${k}`) },
            { title: t('fields.dueOn'), dataIndex: 'due_on' },
            { title: t('fields.buyers'), key: 'buyers', render: (_: unknown, r: Receivable) => r.buyers.map((b) => b.name).join('、') },
            {
              title: t('receivables.lastNote'),
              dataIndex: 'last_note',
              render: (note: string | null) =>
                note ? (
                  <Typography.Text ellipsis={{ tooltip: note }} style={{ maxWidth: 220 }}>
                    {note}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
            {
              title: common('table.actions'),
              key: 'actions',
              render: (_: unknown, r: Receivable) => (
                <Button size="small" type="link" onClick={() => setNoting(r)}>
                  {t('receivables.addNote')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <LoadMore
        loaded={data?.items.length ?? 0}
        hasMore={receivables.hasNextPage}
        loading={receivables.isFetchingNextPage}
        onLoadMore={() => void receivables.fetchNextPage()}
      />
      {noting && (
        <CollectionNoteModal
          projectId={projectId}
          dealId={noting.deal_id}
          lineId={noting.line_id}
          code={noting.unit_code}
          onClose={() => setNoting(null)}
          onSaved={() => {
            setNoting(null);
            void message.success(t('receivables.noteSaved'));
          }}
        />
      )}
    </>
  );
}
