import { App, Button, DatePicker, Form, Input, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { can, type AgencyFeeStatementAction } from '@/lib/allowed-actions';
import { useErrorMessage } from '@/lib/error-message';
import { formatMoney, isMoney, normalizeMoney } from '@/lib/money';
import { useStatementAction, type StatementCommand } from '../api/statement-actions';
import type { AgencyFeeStatement } from '../api/statements';
import { useAgencyFeeT } from '../i18n';

// The order the buttons stand in: the next step of the statement first.
const ORDER: readonly AgencyFeeStatementAction[] = ['submit', 'confirm', 'invoice', 'record_payment', 'recompute', 'dispute', 'return'];
const PRIMARY: ReadonlySet<AgencyFeeStatementAction> = new Set(['submit', 'confirm', 'invoice', 'record_payment']);

/**
 * The buttons the server allows on this statement now, exactly its `allowed_actions`, in the order
 * above. Disputing needs lines: its button waits until some are ticked in the table.
 */
export function StatementActionButtons({
  statement,
  selectedLines = 0,
  onChoose,
  busy,
}: {
  statement: Pick<AgencyFeeStatement, 'allowed_actions'>;
  selectedLines?: number;
  onChoose: (action: AgencyFeeStatementAction) => void;
  busy?: AgencyFeeStatementAction | null;
}) {
  const { t } = useAgencyFeeT();
  const allowed = ORDER.filter((action) => can(statement as AgencyFeeStatement, action));
  const primary = allowed.find((action) => PRIMARY.has(action));
  return (
    <Space wrap size={8} data-testid="statement-actions">
      {allowed.map((action) => (
        <Button
          key={action}
          type={action === primary ? 'primary' : 'default'}
          danger={action === 'return' || action === 'dispute'}
          loading={busy === action}
          disabled={action === 'dispute' && selectedLines === 0}
          onClick={() => onChoose(action)}
          data-testid={`statement-action-${action}`}
        >
          {action === 'dispute' && selectedLines > 0 ? `${t('actions.dispute')} (${selectedLines})` : t(`actions.${action}`)}
        </Button>
      ))}
    </Space>
  );
}

type FormAction = 'dispute' | 'return' | 'invoice' | 'record_payment';

interface ActionValues {
  comment?: string;
  invoice_number?: string;
  amount?: string;
  received_on?: Dayjs;
  reference?: string;
}

const TITLES = {
  dispute: 'forms.disputeTitle',
  return: 'forms.returnTitle',
  invoice: 'forms.invoiceTitle',
  record_payment: 'forms.paymentTitle',
} as const;

/** The small form of an action that takes a body; a 422 lands on the field it names. */
function ActionForm({
  action,
  statement,
  lineIds,
  onSubmit,
  onCancel,
}: {
  action: FormAction;
  statement: AgencyFeeStatement;
  lineIds: readonly string[];
  onSubmit: (command: StatementCommand) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useAgencyFeeT();
  const [form] = Form.useForm<ActionValues>();
  const required = { required: true, whitespace: true, message: t('forms.required') };
  const submit = (values: ActionValues) => {
    switch (action) {
      case 'dispute':
        return onSubmit({ action, body: { line_ids: [...lineIds], comment: (values.comment ?? '').trim() } });
      case 'return':
        return onSubmit({ action, body: { comment: (values.comment ?? '').trim() } });
      case 'invoice':
        return onSubmit({ action, body: { invoice_number: (values.invoice_number ?? '').trim() } });
      case 'record_payment':
        return onSubmit({
          action,
          body: {
            amount: normalizeMoney(values.amount ?? ''),
            received_on: (values.received_on ?? dayjs()).format('YYYY-MM-DD'),
            reference: values.reference?.trim() || null,
          },
        });
    }
  };
  return (
    <FormModal<ActionValues>
      title={t(TITLES[action])}
      form={form}
      okText={t(`actions.${action}`)}
      initialValues={action === 'record_payment' ? { amount: statement.outstanding, received_on: dayjs() } : {}}
      errorMapping={{ fields: ['comment', 'invoice_number', 'amount', 'received_on', 'reference'] }}
      onCancel={onCancel}
      onSubmit={submit}
    >
      {action === 'dispute' && (
        <Typography.Paragraph type="secondary">{t('statement.selected', { count: lineIds.length })}</Typography.Paragraph>
      )}
      {(action === 'dispute' || action === 'return') && (
        <Form.Item name="comment" label={action === 'return' ? t('forms.returnReason') : t('forms.comment')} rules={[required]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="statement-comment-input" />
        </Form.Item>
      )}
      {action === 'invoice' && (
        <Form.Item name="invoice_number" label={t('forms.invoiceNumber')} rules={[required]}>
          <Input maxLength={64} data-testid="invoice-number-input" />
        </Form.Item>
      )}
      {action === 'record_payment' && (
        <>
          <Form.Item
            name="amount"
            label={t('forms.amount')}
            extra={t('forms.outstanding', { amount: formatMoney(statement.outstanding) })}
            rules={[
              required,
              {
                validator: (_, value: string | undefined) =>
                  !value?.trim() || isMoney(value) ? Promise.resolve() : Promise.reject(new Error(t('forms.amountInvalid'))),
              },
            ]}
          >
            <Input inputMode="decimal" prefix="¥" data-testid="payment-amount-input" />
          </Form.Item>
          <Form.Item name="received_on" label={t('forms.receivedOn')} rules={[{ required: true, message: t('forms.required') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reference" label={t('forms.reference')}>
            <Input maxLength={100} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** The action buttons with what each opens, wired to the API; `lineIds` are the lines ticked to dispute. */
export function StatementActions({
  statement,
  lineIds,
  onDisputed,
}: {
  statement: AgencyFeeStatement;
  lineIds: readonly string[];
  onDisputed: () => void;
}) {
  const { t } = useAgencyFeeT();
  const { message, modal } = App.useApp();
  const describe = useErrorMessage();
  const act = useStatementAction(statement.project_id, statement.id);
  const [open, setOpen] = useState<FormAction | null>(null);
  const [busy, setBusy] = useState<AgencyFeeStatementAction | null>(null);

  const run = async (command: StatementCommand) => {
    setBusy(command.action);
    try {
      await act.mutateAsync(command);
      void message.success(t('actions.done'));
    } catch (error) {
      void message.error(describe(error));
    } finally {
      setBusy(null);
    }
  };

  const choose = (action: AgencyFeeStatementAction) => {
    if (action === 'recompute') void run({ action });
    else if (action === 'submit' || action === 'confirm') {
      modal.confirm({
        title: t(action === 'submit' ? 'actions.submitTitle' : 'actions.confirmTitle'),
        content: t(action === 'submit' ? 'actions.submitText' : 'actions.confirmText'),
        okText: t(`actions.${action}`),
        cancelText: t('forms.cancel'),
        onOk: () => run({ action }),
      });
    } else setOpen(action);
  };

  const submit = async (command: StatementCommand) => {
    await act.mutateAsync(command);
    setOpen(null);
    if (command.action === 'dispute') onDisputed();
    void message.success(t('actions.done'));
  };

  return (
    <>
      <StatementActionButtons statement={statement} selectedLines={lineIds.length} onChoose={choose} busy={busy} />
      {open !== null && (
        <ActionForm action={open} statement={statement} lineIds={lineIds} onSubmit={submit} onCancel={() => setOpen(null)} />
      )}
    </>
  );
}
