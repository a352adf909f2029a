import { Alert, App, Button, Descriptions, Divider, Drawer, Empty, Form, Input, Popconfirm, Select, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '@/api/client';
import { useErrorMessage } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useMediaQuery } from '@/lib/use-media-query';
import type { ProjectRole } from '@/lib/roles';
import type { BoardCell, UnitStatus } from '../api/get-board';
import { useCustomerChoices } from '../api/get-customer-choices';
import { useLiveReservations } from '../api/get-reservations';
import { useUnit } from '../api/get-unit';
import { useUnitHistory } from '../api/get-unit-history';
import { useCancelReservation, useHoldUnit, useReleaseUnit, useReserveUnit, useUnholdUnit } from '../api/unit-mutations';
import { formatArea, formatYuan } from '../lib/money';
import { STATUS_COLOURS } from '../lib/status';
import { unitActions } from '../lib/unit-actions';
import { useInventoryT } from '../i18n';

export function StatusTag({ status }: { status: UnitStatus }) {
  const { t } = useInventoryT();
  const colour = STATUS_COLOURS[status];
  return (
    <Tag style={{ background: colour.fill, borderColor: colour.edge, color: colour.ink }} data-testid="unit-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

function useActionError() {
  const { t } = useInventoryT();
  const generic = useErrorMessage();
  return (error: unknown, code: string) => {
    if (isApiError(error) && error.code === 'unit_not_available') return t('actions.notAvailable', { code });
    if (isApiError(error) && error.code === 'reservation_limit_reached') return t('actions.limitReached');
    return generic(error);
  };
}

function ReserveForm({ projectId, unitId, code, onError }: { projectId: string; unitId: string; code: string; onError: (e: unknown) => void }) {
  const { t } = useInventoryT();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const customers = useCustomerChoices(projectId, q);
  const reserve = useReserveUnit(projectId);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      <Typography.Text type="secondary">{t('actions.reserveHelp')}</Typography.Text>
      <Select<string>
        showSearch
        allowClear
        aria-label={t('actions.customer')}
        placeholder={t('actions.customerPlaceholder')}
        style={{ width: '100%' }}
        filterOption={false}
        onSearch={setQ}
        loading={customers.isFetching}
        value={customerId ?? undefined}
        onChange={(value) => setCustomerId(value ?? null)}
        options={(customers.data ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.phone}` }))}
        notFoundContent={customers.isFetching ? <Skeleton.Input active size="small" /> : undefined}
      />
      <Button
        type="primary"
        block
        disabled={customerId === null}
        loading={reserve.isPending}
        onClick={() =>
          customerId &&
          reserve
            .mutateAsync({ unitId, customerId })
            .then(() => void message.success(t('actions.reserved', { code })), onError)
        }
      >
        {t('actions.reserveConfirm')}
      </Button>
    </Space>
  );
}

function ActionBlock({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {title}
      </Typography.Text>
      {children}
    </div>
  );
}

function ReasonForm({
  label,
  confirm,
  required,
  loading,
  onSubmit,
}: {
  label: string;
  confirm: string;
  required: boolean;
  loading: boolean;
  onSubmit: (reason: string) => void;
}) {
  const { t } = useInventoryT();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Form form={form} layout="vertical" onFinish={({ reason }) => onSubmit(reason ?? '')} requiredMark={false}>
      <Form.Item
        name="reason"
        label={required ? t('actions.reason') : t('actions.reasonOptional')}
        rules={required ? [{ required: true, whitespace: true, message: t('actions.reason') }] : []}
        style={{ marginBottom: 8 }}
      >
        <Input.TextArea rows={2} maxLength={500} aria-label={label} />
      </Form.Item>
      <Button htmlType="submit" block loading={loading}>
        {confirm}
      </Button>
    </Form>
  );
}

export function UnitDrawer({
  projectId,
  cell,
  buildingName,
  role,
  userId,
  readOnly = false,
  onClose,
}: {
  projectId: string;
  cell: BoardCell | null;
  buildingName: string;
  /** The caller's role in the project: only releasing a unit (a project's operation) depends on it. */
  role: ProjectRole | null;
  userId: string;
  /** A past moment's board: details and history, no actions. */
  readOnly?: boolean;
  onClose: () => void;
}) {
  const { t } = useInventoryT();
  const { message } = App.useApp();
  const narrow = useMediaQuery('(max-width: 575px)');
  const unitId = cell?.id ?? null;
  const unit = useUnit(unitId);
  const history = useUnitHistory(unitId);
  const reservations = useLiveReservations(projectId, unitId !== null);
  const cancel = useCancelReservation(projectId);
  const hold = useHoldUnit(projectId);
  const unhold = useUnholdUnit(projectId);
  const release = useReleaseUnit(projectId);
  const describeError = useActionError();
  const [error, setError] = useState<string | null>(null);

  const detail = unit.data?.data;
  // Actions follow the unit as fetched when the drawer opened (or after an action); the board may
  // already show a newer status, which is said above them.
  const status: UnitStatus | undefined = detail?.status;
  const liveStatus = cell?.status;
  const code = cell?.code ?? '';
  // The unit's live reservation as far as the caller may read it (a consultant: only their own).
  const reservation = (reservations.data ?? []).find((r) => r.unit_id === unitId && r.status === 'active');
  const mine = reservation?.consultant_id === userId ? reservation : undefined;
  const actions = detail ? unitActions(detail, reservation, userId, role) : null;
  const anyAction = actions !== null && Object.values(actions).some(Boolean);
  const onError = (e: unknown) => {
    setError(describeError(e, code));
    void unit.refetch();
    void history.refetch();
  };
  const done = (text: string) => {
    setError(null);
    void message.success(text);
    void history.refetch();
  };

  return (
    <Drawer
      open={cell !== null}
      onClose={() => {
        setError(null);
        onClose();
      }}
      width={narrow ? '100%' : 480}
      destroyOnHidden
      title={
        cell ? (
          <Space>
            <span>{t('unit.title', { code: cell.code })}</span>
            <StatusTag status={cell.status} />
          </Space>
        ) : null
      }
      data-testid="unit-drawer"
    >
      {cell && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={narrow ? 1 : 2} bordered styles={{ label: { whiteSpace: 'nowrap', padding: '8px 10px' }, content: { padding: '8px 10px' } }}>
            <Descriptions.Item label={t('unit.building')}>{buildingName}</Descriptions.Item>
            <Descriptions.Item label={t('unit.entrance')}>{cell.entrance}</Descriptions.Item>
            <Descriptions.Item label={t('unit.floor')}>{cell.floor}</Descriptions.Item>
            <Descriptions.Item label={t('unit.kind')}>{t(`unit.kinds.${cell.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('unit.layout')} span={2}>{cell.layout ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('unit.grossArea')}>{formatArea(cell.gross_area)}</Descriptions.Item>
            <Descriptions.Item label={t('unit.netArea')}>{formatArea(detail?.net_area)}</Descriptions.Item>
            <Descriptions.Item label={t('unit.orientation')} span={2}>{cell.orientation ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('unit.unitPrice')} span={2}>{formatYuan(cell.unit_price)}</Descriptions.Item>
            <Descriptions.Item label={t('unit.price')} span={2}>
              <Typography.Text strong>{formatYuan(cell.price)}</Typography.Text>
            </Descriptions.Item>
            {detail?.floor_price !== undefined && (
              <Descriptions.Item label={t('unit.floorPrice')} span={2}>{formatYuan(detail.floor_price)}</Descriptions.Item>
            )}
            {detail?.reserved_until && (
              <Descriptions.Item label={t('unit.reservedUntil')} span={2}>{formatDateTime(detail.reserved_until)}</Descriptions.Item>
            )}
            {detail?.hold_reason && (
              <Descriptions.Item label={t('unit.holdReason')} span={2}>{detail.hold_reason}</Descriptions.Item>
            )}
          </Descriptions>

          {!readOnly && <div>
            <Divider orientation="left" plain style={{ marginTop: 0 }}>{t('unit.actions')}</Divider>
            {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 12 }} data-testid="unit-action-error" />}
            {status && liveStatus && liveStatus !== status && !error && (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('unit.changed', { from: t(`status.${status}`), to: t(`status.${liveStatus}`) })} />
            )}
            {unit.isPending ? (
              <Skeleton active paragraph={{ rows: 2 }} />
            ) : !anyAction ? (
              <Typography.Text type="secondary">{t('unit.noActions')}</Typography.Text>
            ) : (
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                {actions?.subscribe && (
                  <Link to={`/deals/new?unit_id=${cell.id}`} data-testid="unit-subscribe">
                    <Button type="primary" block>
                      {t('actions.subscribe')}
                    </Button>
                  </Link>
                )}
                {actions?.reserve && (
                  <ActionBlock title={t('actions.reserve')}>
                    <ReserveForm projectId={projectId} unitId={cell.id} code={code} onError={onError} />
                  </ActionBlock>
                )}
                {actions?.cancelReservation && reservation && (
                  <Popconfirm
                    title={t('actions.cancelReservationConfirm', { code })}
                    onConfirm={() =>
                      cancel.mutateAsync({ reservationId: reservation.id, unitId: cell.id }).then(() => done(t('actions.cancelled')), onError)
                    }
                  >
                    <Button danger block loading={cancel.isPending}>
                      {mine ? t('actions.cancelReservation') : t('actions.cancelOthersReservation')}
                    </Button>
                  </Popconfirm>
                )}
                {actions?.hold && (
                  <ActionBlock title={t('actions.hold')}>
                  <ReasonForm
                    label={t('actions.hold')}
                    confirm={t('actions.holdConfirm')}
                    required
                    loading={hold.isPending}
                    onSubmit={(reason) =>
                      hold.mutateAsync({ unitId: cell.id, reason }).then(() => done(t('actions.held', { code })), onError)
                    }
                  />
                  </ActionBlock>
                )}
                {actions?.unhold && (
                  <ReasonForm
                    label={t('actions.unhold')}
                    confirm={t('actions.unholdConfirm')}
                    required={false}
                    loading={unhold.isPending}
                    onSubmit={(reason) =>
                      unhold.mutateAsync({ unitId: cell.id, reason }).then(() => done(t('actions.unheld')), onError)
                    }
                  />
                )}
                {actions?.release && (
                  <Popconfirm
                    title={t('actions.releaseConfirm', { code })}
                    onConfirm={() =>
                      release.mutateAsync({ projectId, unitId: cell.id }).then(() => done(t('actions.releasedOk', { code })), onError)
                    }
                  >
                    <Button type="primary" ghost block loading={release.isPending}>{t('actions.release')}</Button>
                  </Popconfirm>
                )}
              </Space>
            )}
          </div>}

          <div>
            <Divider orientation="left" plain>{t('unit.history')}</Divider>
            {history.isPending ? (
              <Skeleton active paragraph={{ rows: 3 }} />
            ) : (history.data ?? []).length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('unit.noHistory')} />
            ) : (
              <Timeline
                items={(history.data ?? []).map((entry) => ({
                  color: STATUS_COLOURS[entry.to_status].edge,
                  children: (
                    <div>
                      <div>
                        {entry.from_status ? `${t(`status.${entry.from_status}`)} → ` : ''}
                        <strong>{t(`status.${entry.to_status}`)}</strong>
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(entry.created_at)} · {entry.actor_name ?? t('unit.system')}
                        {entry.reason ? ` · ${entry.reason}` : ''}
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
