import { DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormModal } from '@/components/form-modal';
import type { Payment } from '../api/get-deal';
import { useRecordPayment, useReversePayment, type PaymentCreate } from '../api/payments';
import { useDealsT } from '../i18n';
import { compareMoney, formatMoney, isMoney, normalizeMoney } from '@/lib/money';
import { newIdempotencyKey } from '../lib/wizard';

const METHODS: readonly PaymentCreate['method'][] = ['transfer', 'card', 'cash', 'cheque', 'mortgage_loan', 'provident_loan', 'other'];

interface PaymentValues {
  amount: string;
  method: PaymentCreate['method'];
  paid_at: Dayjs;
  reference?: string;
  note?: string;
}

/** 实收: one Idempotency-Key per opening of the form, so a retry or a double click records once. */
export function RecordPaymentModal({
  projectId,
  dealId,
  outstanding,
  suggested,
  onClose,
  onRecorded,
}: {
  projectId: string;
  dealId: string;
  outstanding: string;
  suggested: string;
  onClose: () => void;
  onRecorded: (amount: string) => void;
}) {
  const { t } = useDealsT();
  const [form] = Form.useForm<PaymentValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const record = useRecordPayment(projectId);
  return (
    <FormModal<PaymentValues>
      title={t('payments.title')}
      form={form}
      onCancel={onClose}
      okText={t('payments.record')}
      initialValues={{ amount: suggested, method: 'transfer', paid_at: dayjs() }}
      errorMapping={{ fields: ['amount', 'method', 'paid_at', 'reference', 'note'] }}
      onSubmit={async (values) => {
        const amount = normalizeMoney(values.amount);
        await record.mutateAsync({
          dealId,
          idempotencyKey,
          body: {
            amount,
            method: values.method,
            paid_at: values.paid_at.format(),
            reference: values.reference?.trim() || null,
            note: values.note?.trim() || null,
          },
        });
        onRecorded(amount);
      }}
    >
      <Typography.Paragraph type="secondary">
        {t('fields.outstanding')} {formatMoney(outstanding)}
      </Typography.Paragraph>
      <Form.Item
        name="amount"
        label={t('payments.amount')}
        rules={[
          {
            validator: (_, value: string | undefined) => {
              const text = (value ?? '').trim();
              if (!isMoney(text) || compareMoney(text, '0') <= 0) return Promise.reject(new Error(t('payments.amountInvalid')));
              if (compareMoney(text, outstanding) > 0)
                return Promise.reject(new Error(t('payments.amountTooHigh', { amount: formatMoney(outstanding) })));
              return Promise.resolve();
            },
          },
        ]}
      >
        <Input prefix="¥" inputMode="decimal" autoComplete="off" />
      </Form.Item>
      <Form.Item name="method" label={t('payments.method')} rules={[{ required: true }]}>
        <Select options={METHODS.map((m) => ({ value: m, label: t(`payments.methods.${m}`) }))} />
      </Form.Item>
      <Form.Item name="paid_at" label={t('payments.paidAt')} rules={[{ required: true }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reference" label={t('payments.reference')}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item name="note" label={t('payments.note')} style={{ marginBottom: 0 }}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** 冲正: a negative entry with a reason; the original stays on the record. */
export function ReversePaymentModal({
  projectId,
  dealId,
  payment,
  onClose,
  onReversed,
}: {
  projectId: string;
  dealId: string;
  payment: Payment;
  onClose: () => void;
  onReversed: () => void;
}) {
  const { t } = useDealsT();
  const [form] = Form.useForm<{ reason: string }>();
  const reverse = useReversePayment(projectId);
  return (
    <FormModal<{ reason: string }>
      title={t('payments.reverseTitle', { amount: formatMoney(payment.amount) })}
      form={form}
      onCancel={onClose}
      okText={t('payments.reverse')}
      errorMapping={{ fields: ['reason'] }}
      onSubmit={async (values) => {
        await reverse.mutateAsync({ paymentId: payment.id, dealId, reason: values.reason.trim() });
        onReversed();
      }}
    >
      <Form.Item name="reason" label={t('payments.reverseReason')} rules={[{ required: true, whitespace: true, message: t('payments.reverseReason') }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
