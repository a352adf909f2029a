import { Alert, Card, Descriptions, List, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '@/lib/format';
import { formatMoney } from '@/lib/money';
import type { Close } from '../api/closes';
import { useClosingT } from '../i18n';

type Figure = Close['board']['totals'][number];
type Row = Figure & { key: string; building: string; total: boolean };

/** The board's figures: a row per building and status with units, then the project's totals. */
export function BoardSnapshot({ close, phone }: { close: Close; phone: boolean }) {
  const { t } = useClosingT();
  const status = (s: string) => t(`unitStatus.${s}` as never);
  const rows: Row[] = [
    ...close.board.buildings.flatMap((b) =>
      b.statuses.filter((f) => f.count > 0).map((f) => ({ ...f, key: `${b.id}-${f.status}`, building: b.name, total: false })),
    ),
    ...close.board.totals.filter((f) => f.count > 0).map((f) => ({ ...f, key: `total-${f.status}`, building: t('detail.total'), total: true })),
  ];
  if (phone) {
    return (
      <List
        data-testid="close-board"
        dataSource={rows}
        renderItem={(r) => (
          <List.Item>
            <Typography.Text strong={r.total}>
              {r.building} · {status(r.status)}
            </Typography.Text>
            <span>
              {r.count} · {r.gross_area}㎡ · {formatMoney(r.amount)}
            </span>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<Row>
      data-testid="close-board"
      size="small"
      pagination={false}
      dataSource={rows}
      rowClassName={(r) => (r.total ? 'close-total-row' : '')}
      columns={[
        { title: t('detail.building'), dataIndex: 'building', render: (v: string, r) => (r.total ? <strong>{v}</strong> : v) },
        { title: t('detail.unitStatus'), dataIndex: 'status', render: (v: string) => status(v) },
        { title: t('detail.count'), dataIndex: 'count', align: 'right' },
        { title: t('detail.area'), dataIndex: 'gross_area', align: 'right' },
        { title: t('detail.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => formatMoney(v) },
      ]}
    />
  );
}

/** The day's receipts: by method, then each payment (a reversal in red). */
export function ReceiptsSection({ close, phone }: { close: Close; phone: boolean }) {
  const { t } = useClosingT();
  const method = (m: string) => t(`methods.${m}` as never) || m;
  const payments = close.receipts.payments;
  if (payments.length === 0) return <Typography.Text type="secondary">{t('detail.noReceipts')}</Typography.Text>;
  return (
    <>
      <Descriptions size="small" column={phone ? 1 : 3} data-testid="close-by-method">
        {close.receipts.by_method.map((m) => (
          <Descriptions.Item key={m.method} label={`${method(m.method)} (${m.count})`}>
            {formatMoney(m.amount)}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('detail.total')}>
          <strong data-testid="close-receipts-total">{formatMoney(close.receipts.total)}</strong>
        </Descriptions.Item>
      </Descriptions>
      {phone ? (
        <List
          dataSource={payments}
          renderItem={(p) => (
            <List.Item>
              <span>
                {formatDateTime(p.paid_at)} · {method(p.method)}
              </span>
              <Typography.Text type={p.kind === 'reversal' ? 'danger' : undefined}>{formatMoney(p.amount)}</Typography.Text>
            </List.Item>
          )}
        />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={payments}
          data-testid="close-payments"
          columns={[
            { title: t('detail.paidAt'), dataIndex: 'paid_at', render: (v: string) => formatDateTime(v) },
            { title: t('detail.kind'), dataIndex: 'kind', render: (v: string) => t(`kinds.${v}` as never) },
            { title: t('detail.method'), dataIndex: 'method', render: (v: string) => method(v) },
            { title: t('detail.deal'), dataIndex: 'deal_id', render: (v: string) => <Link to={`/deals/${v}`}>{v.slice(0, 8)}</Link> },
            {
              title: t('detail.amount'),
              dataIndex: 'amount',
              align: 'right',
              render: (v: string, p) => <Typography.Text type={p.kind === 'reversal' ? 'danger' : undefined}>{formatMoney(v)}</Typography.Text>,
            },
          ]}
        />
      )}
    </>
  );
}

/** Every difference, highlighted; none is a clear "无差异". */
export function DifferencesSection({ close }: { close: Close }) {
  const { t } = useClosingT();
  if (close.differences.length === 0) {
    return <Alert type="success" showIcon message={t('detail.noDifferences')} data-testid="close-no-differences" />;
  }
  const say = (v: string | null) => (v === null ? '—' : (t(`unitStatus.${v}` as never) || v));
  return (
    <>
      <Alert type="error" showIcon message={t('detail.differencesFound', { count: close.differences.length })} style={{ marginBottom: 8 }} />
      <List
        data-testid="close-difference-list"
        dataSource={close.differences}
        renderItem={(d) => (
          <List.Item data-testid="close-difference">
            <Card size="small" style={{ width: '100%', borderColor: '#ff4d4f', background: '#fff1f0' }}>
              <Tag color="red">{t(`kinds.${d.kind}`)}</Tag>
              {d.unit_code && (
                <span>
                  {t('detail.unit')} {d.unit_code}{' '}
                </span>
              )}
              {d.deal_id && <Link to={`/deals/${d.deal_id}`}>{t('detail.deal')} {d.deal_id.slice(0, 8)}</Link>}
              <div>
                {t('detail.boardSays')}：{d.kind === 'receipts_differ' ? formatMoney(d.board_says) : say(d.board_says)} ·{' '}
                {t('detail.dealsSay')}：{d.kind === 'receipts_differ' ? formatMoney(d.deals_say) : say(d.deals_say)}
              </div>
            </Card>
          </List.Item>
        )}
      />
    </>
  );
}

/** Who built, closed and countersigned the close, and when. */
export function SignaturesSection({ close, phone }: { close: Close; phone: boolean }) {
  const { t } = useClosingT();
  const who = (name: string | null, at: string | null) =>
    at ? `${name ?? '—'} · ${formatDateTime(at)}` : <Typography.Text type="secondary">{t('detail.notYet')}</Typography.Text>;
  return (
    <Descriptions size="small" column={phone ? 1 : 2} bordered data-testid="close-signatures">
      <Descriptions.Item label={t('detail.builtBy')}>{who(close.built_by_name, close.built_at)}</Descriptions.Item>
      <Descriptions.Item label={t('detail.closedBy')}>{who(close.closed_by_name, close.closed_at)}</Descriptions.Item>
      <Descriptions.Item label={t('detail.financeSigned')}>
        <span data-testid="close-finance-signature">{who(close.finance_signed_by_name, close.finance_signed_at)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.developerSigned')}>
        {who(close.developer_signed_by_name, close.developer_signed_at)}
      </Descriptions.Item>
    </Descriptions>
  );
}
