import { Alert, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { isApiError } from '@/api/client';
import { FormModal } from '@/components/form-modal';
import { useBuyerChoices } from '../api/get-customers';
import type { Deal } from '../api/get-deal';
import type { Mortgage } from '../api/get-mortgage';
import { useAvailableUnits } from '../api/get-unit';
import { useDealOperation, type DealOperation } from '../api/deal-operations';
import { useDealsT } from '../i18n';
import { compareMoney, formatMoney, isMoney, normalizeMoney } from '@/lib/money';
import { nextMortgageStages } from '../lib/deal-actions';

export type OperationKind = 'contract' | 'handover' | 'cancel' | 'changeUnit' | 'changeBuyers' | 'startMortgage' | 'mortgageStage';

const day = (value: Dayjs) => value.format('YYYY-MM-DD');

function moneyRule(message: string, max?: string, maxMessage?: string) {
  return {
    validator: (_: unknown, value: string | undefined) => {
      const text = (value ?? '').trim();
      if (!isMoney(text) || text.startsWith('-')) return Promise.reject(new Error(message));
      if (max !== undefined && compareMoney(text, max) > 0) return Promise.reject(new Error(maxMessage ?? message));
      return Promise.resolve();
    },
  };
}

/** One modal per lifecycle operation; `onDone` says whether it was done or waits for approval. */
export function OperationModal({
  kind,
  deal,
  mortgage,
  mine,
  needsApproval,
  onClose,
  onDone,
}: {
  kind: OperationKind;
  deal: Deal;
  mortgage: Mortgage | null;
  mine: boolean;
  needsApproval: boolean;
  onClose: () => void;
  onDone: (result: 'done' | 'pending') => void;
}) {
  const { t } = useDealsT();
  const [form] = Form.useForm<Record<string, unknown>>();
  const operate = useDealOperation(deal.project_id);
  const [q, setQ] = useState('');
  const buyers = useBuyerChoices(deal.project_id, q, mine);
  const units = useAvailableUnits(deal.project_id, kind === 'changeUnit');
  const buyerOptions = useMemo(() => {
    const known = new Map(deal.buyers.map((b) => [b.id, b.name]));
    for (const c of buyers.data ?? []) known.set(c.id, `${c.name} · ${c.phone}`);
    return [...known].map(([value, label]) => ({ value, label }));
  }, [buyers.data, deal.buyers]);

  const approvalNote =
    needsApproval && (kind === 'cancel' || kind === 'changeUnit' || kind === 'changeBuyers') ? (
      <Alert type="info" showIcon message={t('ops.needsApproval')} style={{ marginBottom: 16 }} />
    ) : null;

  const titles: Record<OperationKind, string> = {
    contract: t('ops.contractTitle'),
    handover: t('ops.handoverTitle'),
    cancel: t('ops.cancelTitle'),
    changeUnit: t('ops.changeUnitTitle'),
    changeBuyers: t('ops.changeBuyersTitle'),
    startMortgage: t('mortgage.startTitle'),
    mortgageStage: t('mortgage.moveTitle', { stage: mortgage ? t(`mortgage.stages.${mortgage.stage}`) : '' }),
  };
  const initial: Record<OperationKind, Record<string, unknown>> = {
    contract: { signed_on: dayjs() },
    handover: { handed_over_on: dayjs() },
    cancel: { refund_amount: deal.paid },
    changeUnit: {},
    changeBuyers: { customer_ids: deal.customer_ids },
    startMortgage: {},
    mortgageStage: { on: dayjs(), stage: mortgage ? nextMortgageStages(mortgage.stage)[0] : undefined },
  };

  const submit = async (v: Record<string, unknown>) => {
    const s = (name: string) => String(v[name] ?? '').trim();
    let op: DealOperation;
    switch (kind) {
      case 'contract':
        op = { kind, dealId: deal.id, body: { contract_number: s('contract_number'), signed_on: day(v.signed_on as Dayjs) } };
        break;
      case 'handover':
        op = { kind, dealId: deal.id, body: { handed_over_on: day(v.handed_over_on as Dayjs), note: s('note') || null } };
        break;
      case 'cancel':
        op = { kind, dealId: deal.id, body: { reason: s('reason'), refund_amount: normalizeMoney(s('refund_amount')) } };
        break;
      case 'changeUnit':
        op = { kind, dealId: deal.id, body: { unit_id: s('unit_id'), reason: s('reason') } };
        break;
      case 'changeBuyers':
        op = { kind, dealId: deal.id, body: { customer_ids: v.customer_ids as string[], reason: s('reason') } };
        break;
      case 'startMortgage':
        op = { kind: 'mortgage', dealId: deal.id, body: { bank: s('bank'), loan_amount: normalizeMoney(s('loan_amount')) } };
        break;
      case 'mortgageStage':
        op = { kind, dealId: deal.id, body: { stage: v.stage as NonNullable<Mortgage['stage']>, on: day(v.on as Dayjs), note: s('note') || null } };
        break;
    }
    try {
      onDone(await operate.mutateAsync(op));
    } catch (error) {
      if (isApiError(error) && error.code === 'deal_not_paid') {
        const owed = typeof error.extras.outstanding === 'string' ? error.extras.outstanding : deal.outstanding;
        throw Object.assign(error, { detail: t('ops.notPaid', { amount: formatMoney(owed) }) });
      }
      if (isApiError(error) && error.code === 'operation_pending') throw Object.assign(error, { detail: t('ops.operationPending') });
      if (isApiError(error) && error.code === 'deal_status_conflict') throw Object.assign(error, { detail: t('ops.statusConflict') });
      throw error;
    }
  };

  return (
    <FormModal<Record<string, unknown>>
      title={titles[kind]}
      form={form}
      onSubmit={submit}
      onCancel={onClose}
      okText={kind === 'cancel' || kind === 'changeUnit' || kind === 'changeBuyers' ? (needsApproval ? t('ops.requested') : t('ops.done')) : undefined}
      initialValues={initial[kind]}
      errorMapping={{
        fields: ['contract_number', 'signed_on', 'handed_over_on', 'reason', 'refund_amount', 'unit_id', 'customer_ids', 'bank', 'loan_amount', 'stage', 'on', 'note'],
        codes: { contract_number_taken: 'contract_number', unit_not_available: 'unit_id' },
      }}
    >
      {approvalNote}
      {kind === 'contract' && (
        <>
          <Form.Item name="contract_number" label={t('ops.contractNumber')} rules={[{ required: true, whitespace: true, message: t('ops.contractNumber') }]}>
            <Input maxLength={64} autoComplete="off" />
          </Form.Item>
          <Form.Item name="signed_on" label={t('ops.signedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
      {kind === 'handover' && (
        <>
          <Form.Item name="handed_over_on" label={t('ops.handoverOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('fields.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
      {kind === 'cancel' && (
        <>
          <Form.Item name="reason" label={t('ops.reason')} rules={[{ required: true, whitespace: true, message: t('ops.reason') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item
            name="refund_amount"
            label={t('ops.refundAmount')}
            extra={t('ops.refundHelp', { amount: formatMoney(deal.paid) })}
            rules={[moneyRule(t('payments.amountInvalid'), deal.paid, t('ops.refundHelp', { amount: formatMoney(deal.paid) }))]}
          >
            <Input prefix="¥" inputMode="decimal" />
          </Form.Item>
        </>
      )}
      {kind === 'changeUnit' && (
        <>
          <Form.Item name="unit_id" label={t('ops.newUnit')} rules={[{ required: true, message: t('ops.newUnit') }]}>
            <Select
              showSearch
              loading={units.isPending}
              optionFilterProp="label"
              options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.code} · ${u.layout ?? ''} · ${formatMoney(u.list_price)}` }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('ops.reason')} rules={[{ required: true, whitespace: true, message: t('ops.reason') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
      {kind === 'changeBuyers' && (
        <>
          <Form.Item name="customer_ids" label={t('fields.buyers')} rules={[{ required: true, type: 'array', min: 1, max: 5, message: t('fields.buyers') }]}>
            <Select mode="multiple" showSearch filterOption={false} onSearch={setQ} options={buyerOptions} maxCount={5} />
          </Form.Item>
          <Form.Item name="reason" label={t('ops.reason')} rules={[{ required: true, whitespace: true, message: t('ops.reason') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
      {kind === 'startMortgage' && (
        <>
          <Form.Item name="bank" label={t('mortgage.bank')} rules={[{ required: true, whitespace: true, message: t('mortgage.bank') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="loan_amount" label={t('mortgage.loanAmount')} rules={[moneyRule(t('payments.amountInvalid'), deal.outstanding)]}>
            <Input prefix="¥" inputMode="decimal" />
          </Form.Item>
        </>
      )}
      {kind === 'mortgageStage' && mortgage && (
        <>
          <Form.Item name="stage" label={t('mortgage.move')} rules={[{ required: true }]}>
            <Select options={nextMortgageStages(mortgage.stage).map((stage) => ({ value: stage, label: t(`mortgage.stages.${stage}`) }))} />
          </Form.Item>
          <Form.Item name="on" label={t('mortgage.on')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Typography.Text type="secondary">{t('mortgage.disbursedHelp')}</Typography.Text>
        </>
      )}
    </FormModal>
  );
}
