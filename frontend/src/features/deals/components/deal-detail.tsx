import { DownOutlined, FilePdfOutlined, RollbackOutlined, WalletOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Dropdown,
  Empty,
  Progress,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Schemas } from '@/api/client';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCommonT } from '@/i18n';
import { useErrorMessage } from '@/lib/error-message';
import { can } from '@/lib/allowed-actions';
import { formatDateTime } from '@/lib/format';
import type { ProjectRole } from '@/lib/roles';
import { useMediaQuery } from '@/lib/use-media-query';
import { useDeal, useDealPayments, useDealSchedule, useDealTimeline, type Deal, type Payment } from '../api/get-deal';
import { useMemberNames } from '../api/get-members';
import { useMortgage } from '../api/get-mortgage';
import { openSubscriptionPdf } from '../api/get-subscription-pdf';
import { useDealsT } from '../i18n';
import { operationsNeedApproval } from '../lib/deal-actions';
import { formatMoney, formatPercent, isZero, toFen } from '@/lib/money';
import { DealStatusTag } from './deal-status-tag';
import { DealTimeline } from './deal-timeline';
import { MoneyText } from './money-text';
import { OperationModal, type OperationKind } from './operation-modals';
import { RecordPaymentModal, ReversePaymentModal } from './payment-modals';
import './deals.css';

type Line = Schemas['ScheduleLineOut'];

function paidShare(deal: Deal): number {
  const total = toFen(deal.final_price);
  if (total === 0n) return 100;
  return Number((toFen(deal.paid) * 1000n) / total) / 10; // a percentage for a progress bar only
}

function Section({ title, extra, children, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card title={title} extra={extra} size="small" data-testid={testId} styles={{ body: { padding: 16 } }}>
      {children}
    </Card>
  );
}

function NarrowSchedule({ lines, today, cancelled }: { lines: readonly Line[]; today: string; cancelled: boolean }) {
  const { t } = useDealsT();
  return (
    <div>
      {lines.map((line) => (
        <div key={line.id ?? line.seq} className="deal-narrow-row">
          <div>
            <Typography.Text strong>
              {line.seq}. {t(`lineKinds.${line.kind}`)}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {line.due_on}
              </Typography.Text>
            </div>
          </div>
          <div style={{ textAlign: 'right' }}>
            <MoneyText value={line.amount} />
            <div style={{ fontSize: 12 }}>
              {isZero(line.outstanding) ? (
                <Tag color="green" style={{ marginInlineEnd: 0 }}>{t('detail.settled')}</Tag>
              ) : (
                <Space size={4}>
                  {line.due_on < today && !cancelled && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('detail.overdue')}</Tag>}
                  <Typography.Text type="secondary">{t('detail.lineOutstanding')}</Typography.Text>
                  <MoneyText value={line.outstanding} strong />
                </Space>
              )}
            </div>
          </div>
        </div>
      ))}
    </div>
  );
}

function NarrowPayments({
  payments,
  canReverse,
  onReverse,
}: {
  payments: readonly Payment[];
  canReverse: boolean;
  onReverse: (payment: Payment) => void;
}) {
  const { t } = useDealsT();
  return (
    <div>
      {payments.map((p) => (
        <div key={p.id} className="deal-narrow-row">
          <div>
            <Space size={4} wrap>
              <Tag color={p.kind === 'receipt' ? 'green' : p.kind === 'refund' ? 'orange' : 'red'}>{t(`payments.kinds.${p.kind}`)}</Tag>
              {p.reversed_by_id && <Tag>{t('payments.reversedTag')}</Tag>}
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(p.paid_at)}
                {p.reference ? ` · ${p.reference}` : ''}
              </Typography.Text>
            </div>
          </div>
          <div style={{ textAlign: 'right' }}>
            <MoneyText value={p.amount} strong />
            {canReverse && p.kind === 'receipt' && !p.reversed_by_id && (
              <div>
                <Button size="small" type="link" danger style={{ padding: 0 }} onClick={() => onReverse(p)}>
                  {t('payments.reverse')}
                </Button>
              </div>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

export function DealDetail({
  dealId,
  role,
  approvalsHref,
  backLink,
  complaintsSlot,
  creditsSlot,
}: {
  dealId: string;
  /** The caller's role in the deal's project: only the wording of operations depends on it. */
  role: ProjectRole | null;
  approvalsHref: string | null;
  backLink: ReactNode;
  /** The deal's complaints with a button to file one (another feature's card), given the deal's project and title. */
  complaintsSlot?: (deal: { projectId: string; title: string }) => ReactNode;
  /** Who shares the deal's commission (another feature's card), given the deal's project. */
  creditsSlot?: (deal: { projectId: string }) => ReactNode;
}) {
  const { t } = useDealsT();
  const common = useCommonT().t;
  const describe = useErrorMessage();
  const { message } = App.useApp();
  const deal = useDeal(dealId);
  const schedule = useDealSchedule(dealId);
  const payments = useDealPayments(dealId);
  const data = deal.data?.data;
  const names = useMemberNames(data?.project_id).data ?? {};
  // Asked only once there is one (the server offers to advance it, or the timeline says it was
  // started): a 404 for "none yet" would be noise.
  const timeline = useDealTimeline(dealId);
  const mortgageStarted =
    can(data, 'advance_mortgage') || (timeline.data?.events ?? []).some((event) => event.kind === 'mortgage_started');
  const mortgage = useMortgage(dealId, mortgageStarted);
  const [paying, setPaying] = useState(false);
  const [reversing, setReversing] = useState<Payment | null>(null);
  const [operation, setOperation] = useState<OperationKind | null>(null);
  const [pdfLoading, setPdfLoading] = useState(false);
  const narrow = useMediaQuery('(max-width: 575px)');

  if (deal.isError) return <QueryError error={deal.error} onRetry={() => void deal.refetch()} />;
  if (data === undefined) return <Skeleton active paragraph={{ rows: 8 }} />;

  const m = mortgage.data ?? null;
  const lines = schedule.data?.lines ?? [];
  const nextOpen = lines.find((line) => !isZero(line.outstanding));
  const today = dayjs().format('YYYY-MM-DD');

  const openPdf = async () => {
    setPdfLoading(true);
    try {
      await openSubscriptionPdf(dealId);
    } catch (error) {
      void message.error(describe(error));
    } finally {
      setPdfLoading(false);
    }
  };

  const more = [
    can(data, 'cancel') && { key: 'cancel', label: t('ops.cancel'), danger: true },
    can(data, 'change_unit') && { key: 'changeUnit', label: t('ops.changeUnit') },
    can(data, 'change_buyers') && { key: 'changeBuyers', label: t('ops.changeBuyers') },
  ].filter(Boolean) as { key: OperationKind; label: string; danger?: boolean }[];

  return (
    <>
      {backLink}
      <PageHeader
        title={
          <Space wrap size={10}>
            <span data-testid="deal-title">{t('detail.title', { code: data.unit_code })}</span>
            <DealStatusTag status={data.status} />
          </Space>
        }
        subtitle={`${data.buyers.map((b) => b.name).join('、')} · ${t(`methods.${data.payment_method}`)}${
          data.consultant_id && names[data.consultant_id] ? ` · ${names[data.consultant_id]}` : ''
        }`}
        extra={
          <>
            {can(data, 'record_payment') && !isZero(data.outstanding) && (
              <Button type="primary" icon={<WalletOutlined />} onClick={() => setPaying(true)}>
                {t('payments.record')}
              </Button>
            )}
            {can(data, 'contract') && <Button onClick={() => setOperation('contract')}>{t('ops.contract')}</Button>}
            {can(data, 'handover') && <Button onClick={() => setOperation('handover')}>{t('ops.handover')}</Button>}
            <Button icon={<FilePdfOutlined />} loading={pdfLoading} onClick={() => void openPdf()}>
              {t('detail.pdf')}
            </Button>
            {more.length > 0 && (
              <Dropdown menu={{ items: more, onClick: ({ key }) => setOperation(key as OperationKind) }} trigger={['click']}>
                <Button>
                  {t('detail.more')} <DownOutlined />
                </Button>
              </Dropdown>
            )}
          </>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {data.status === 'pending_approval' && (
          <Alert
            type="warning"
            showIcon
            data-testid="deal-pending"
            message={t('detail.pendingApproval')}
            action={
              approvalsHref ? (
                <Link to={approvalsHref}>
                  <Button size="small">{t('detail.openApprovals')}</Button>
                </Link>
              ) : undefined
            }
          />
        )}
        {data.status !== 'pending_approval' && data.pending_approval_id && (
          <Alert type="info" showIcon message={t('detail.pendingOperation')} />
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} sm={8}>
            <Card size="small" className="deal-stat">
              <Statistic title={t('fields.finalPrice')} value={formatMoney(data.final_price)} />
            </Card>
          </Col>
          <Col xs={12} sm={8}>
            <Card size="small" className="deal-stat">
              <Statistic title={t('fields.paid')} value={formatMoney(data.paid)} valueStyle={{ color: '#389e0d' }} />
              <Progress percent={paidShare(data)} showInfo={false} size="small" strokeColor="#52c41a" />
            </Card>
          </Col>
          <Col xs={12} sm={8}>
            <Card size="small" className="deal-stat">
              <Statistic
                title={t('fields.outstanding')}
                value={formatMoney(data.outstanding)}
                valueStyle={{ color: isZero(data.outstanding) ? undefined : '#d4380d' }}
              />
            </Card>
          </Col>
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Section title={t('detail.schedule')} testId="deal-schedule">
                {narrow ? (
                  <NarrowSchedule lines={lines} today={today} cancelled={data.status === 'cancelled'} />
                ) : (
                <Table<Line>
                  rowKey={(line) => line.id ?? String(line.seq)}
                  size="small"
                  pagination={false}
                  loading={schedule.isPending}
                  dataSource={lines}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { title: t('fields.seq'), dataIndex: 'seq', width: 48 },
                    { title: t('fields.kind'), dataIndex: 'kind', render: (k: Line['kind']) => t(`lineKinds.${k}`) },
                    { title: t('fields.dueOn'), dataIndex: 'due_on' },
                    { title: t('fields.amount'), dataIndex: 'amount', align: 'right', render: (a: string) => <MoneyText value={a} /> },
                    { title: t('detail.linePaid'), dataIndex: 'paid', align: 'right', render: (a: string) => <MoneyText value={a} type={isZero(a) ? 'secondary' : 'success'} /> },
                    {
                      title: t('detail.lineOutstanding'),
                      key: 'outstanding',
                      align: 'right',
                      render: (_: unknown, line: Line) =>
                        isZero(line.outstanding) ? (
                          <Tag color="green" style={{ marginInlineEnd: 0 }}>{t('detail.settled')}</Tag>
                        ) : (
                          <Space size={4}>
                            {line.due_on < today && data.status !== 'cancelled' && <Tag color="red">{t('detail.overdue')}</Tag>}
                            <MoneyText value={line.outstanding} strong />
                          </Space>
                        ),
                    },
                  ]}
                />
                )}
              </Section>
              <Section title={t('detail.payments')} testId="deal-payments">
                {payments.isPending ? (
                  <Skeleton active paragraph={{ rows: 2 }} />
                ) : (payments.data ?? []).length === 0 ? (
                  <Empty description={t('payments.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ) : narrow ? (
                  <NarrowPayments
                    payments={payments.data ?? []}
                    canReverse={can(data, 'reverse_payment')}
                    onReverse={setReversing}
                  />
                ) : (
                  <Table<Payment>
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={payments.data}
                    scroll={{ x: 'max-content' }}
                    columns={[
                      { title: t('payments.paidAt'), dataIndex: 'paid_at', render: formatDateTime },
                      {
                        title: t('fields.kind'),
                        key: 'kind',
                        render: (_: unknown, p: Payment) => {
                          const label = (t as (k: string) => string)(`payments.methods.${p.method}`);
                          return (
                            <Space size={4}>
                              <Tag color={p.kind === 'receipt' ? 'green' : p.kind === 'refund' ? 'orange' : 'red'} style={{ marginInlineEnd: 0 }}>
                                {t(`payments.kinds.${p.kind}`)}
                              </Tag>
                              <Typography.Text type="secondary">{label.startsWith('payments.') ? p.method : label}</Typography.Text>
                              {p.reversed_by_id && <Tag style={{ marginInlineEnd: 0 }}>{t('payments.reversedTag')}</Tag>}
                            </Space>
                          );
                        },
                      },
                      { title: t('fields.amount'), dataIndex: 'amount', align: 'right', render: (a: string) => <MoneyText value={a} strong /> },
                      { title: t('payments.reference'), dataIndex: 'reference', render: (r: string | null) => r ?? '—' },
                      { title: t('payments.by'), dataIndex: 'recorded_by', render: (id: string | null) => (id ? (names[id] ?? '—') : '—') },
                      ...(can(data, 'reverse_payment')
                        ? [
                            {
                              title: common('table.actions'),
                              key: 'actions',
                              render: (_: unknown, p: Payment) =>
                                p.kind === 'receipt' && !p.reversed_by_id ? (
                                  <Button size="small" type="link" danger icon={<RollbackOutlined />} onClick={() => setReversing(p)}>
                                    {t('payments.reverse')}
                                  </Button>
                                ) : null,
                            },
                          ]
                        : []),
                    ]}
                  />
                )}
              </Section>
              <Section title={t('detail.price')} testId="deal-price">
                <div className="deal-figure-row">
                  <Typography.Text type="secondary">{t('fields.listPrice')}</Typography.Text>
                  <MoneyText value={data.list_price} />
                </div>
                <div className="deal-figure-row">
                  <Typography.Text type="secondary">{t('fields.methodDiscount')}</Typography.Text>
                  <Typography.Text>{formatPercent(data.method_discount_rate)}</Typography.Text>
                </div>
                {data.discounts.length === 0 ? (
                  <Typography.Text type="secondary">{t('detail.noDiscounts')}</Typography.Text>
                ) : (
                  data.discounts.map((d, i) => (
                    <div className="deal-figure-row" key={i}>
                      <Space size={6} wrap>
                        <Typography.Text>{d.kind === 'percent' ? formatPercent(d.value) : formatMoney(d.value)}</Typography.Text>
                        <Typography.Text type="secondary">{d.reason}</Typography.Text>
                        {d.approved_by && (
                          <Tag color="green">
                            {t('detail.approvedBy')} · {names[d.approved_by] ?? ''}
                          </Tag>
                        )}
                      </Space>
                      <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>−{formatMoney(d.amount)}</Typography.Text>
                    </div>
                  ))
                )}
                <div className="deal-figure-row" style={{ borderTop: '1px solid #f0f0f0', marginTop: 8, paddingTop: 8 }}>
                  <Typography.Text strong>{t('fields.finalPrice')}</Typography.Text>
                  <MoneyText value={data.final_price} strong testId="deal-final-price" />
                </div>
                {data.below_floor && <Tag color="red" style={{ marginTop: 8 }}>{t('fields.belowFloor')}</Tag>}
              </Section>
            </Space>
          </Col>
          <Col xs={24} xl={9}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Section title={t('detail.overview')}>
                <Descriptions size="small" column={1} labelStyle={{ width: 112, whiteSpace: 'nowrap' }}>
                  <Descriptions.Item label={t('fields.unit')}>{data.unit_code}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.buyers')}>{data.buyers.map((b) => b.name).join('、')}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.consultant')}>{data.consultant_id ? (names[data.consultant_id] ?? '—') : '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.subscribedOn')}>{data.subscribed_on}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.deposit')}>{formatMoney(data.deposit)}</Descriptions.Item>
                  {data.contract_number && <Descriptions.Item label={t('fields.contractNumber')}>{data.contract_number}</Descriptions.Item>}
                  {data.signed_on && <Descriptions.Item label={t('fields.signedOn')}>{data.signed_on}</Descriptions.Item>}
                  {data.handed_over_at && <Descriptions.Item label={t('fields.handedOverAt')}>{formatDateTime(data.handed_over_at)}</Descriptions.Item>}
                  {data.cancelled_at && <Descriptions.Item label={t('fields.cancelledAt')}>{formatDateTime(data.cancelled_at)}</Descriptions.Item>}
                  {data.cancel_reason && <Descriptions.Item label={t('fields.cancelReason')}>{data.cancel_reason}</Descriptions.Item>}
                  {data.refund_amount && <Descriptions.Item label={t('fields.refund')}>{formatMoney(data.refund_amount)}</Descriptions.Item>}
                </Descriptions>
              </Section>
              {data.payment_method.startsWith('mortgage') && (
                <Section
                  title={t('detail.mortgage')}
                  testId="deal-mortgage"
                  extra={
                    can(data, 'start_mortgage') ? (
                      <Button size="small" onClick={() => setOperation('startMortgage')}>{t('mortgage.start')}</Button>
                    ) : can(data, 'advance_mortgage') && m ? (
                      <Button size="small" onClick={() => setOperation('mortgageStage')}>{t('mortgage.move')}</Button>
                    ) : undefined
                  }
                >
                  {m === null ? (
                    <Typography.Text type="secondary">{t('mortgage.none')}</Typography.Text>
                  ) : (
                    <Descriptions size="small" column={1} labelStyle={{ width: 112, whiteSpace: 'nowrap' }}>
                      <Descriptions.Item label={t('mortgage.bank')}>{m.bank}</Descriptions.Item>
                      <Descriptions.Item label={t('mortgage.loanAmount')}>{formatMoney(m.loan_amount)}</Descriptions.Item>
                      <Descriptions.Item label={t('mortgage.stage')}>
                        <Tag color={m.stage === 'disbursed' ? 'green' : m.stage === 'rejected' ? 'red' : 'blue'}>{t(`mortgage.stages.${m.stage}`)}</Tag>
                      </Descriptions.Item>
                      {Object.entries(m.stage_dates).map(([stage, on]) => (
                        <Descriptions.Item key={stage} label={(t as (k: string) => string)(`mortgage.stages.${stage}`)}>{on}</Descriptions.Item>
                      ))}
                    </Descriptions>
                  )}
                </Section>
              )}
              {creditsSlot?.({ projectId: data.project_id })}
              {complaintsSlot?.({ projectId: data.project_id, title: t('detail.title', { code: data.unit_code }) })}
              <Section title={t('detail.timeline')}>
                <DealTimeline dealId={dealId} names={names} />
              </Section>
            </Space>
          </Col>
        </Row>
      </Space>
      {paying && (
        <RecordPaymentModal
          projectId={data.project_id}
          dealId={dealId}
          outstanding={data.outstanding}
          suggested={nextOpen?.outstanding ?? data.outstanding}
          onClose={() => setPaying(false)}
          onRecorded={(amount) => {
            setPaying(false);
            void message.success(t('payments.recorded', { amount: formatMoney(amount) }));
          }}
        />
      )}
      {reversing && (
        <ReversePaymentModal
          projectId={data.project_id}
          dealId={dealId}
          payment={reversing}
          onClose={() => setReversing(null)}
          onReversed={() => {
            setReversing(null);
            void message.success(t('payments.reversed'));
          }}
        />
      )}
      {operation && (
        <OperationModal
          kind={operation}
          deal={data}
          mortgage={m}
          mine={role === 'consultant'}
          needsApproval={operationsNeedApproval(role)}
          onClose={() => setOperation(null)}
          onDone={(result) => {
            setOperation(null);
            void message.success(result === 'done' ? t('ops.done') : t('ops.requested'));
          }}
        />
      )}
    </>
  );
}
