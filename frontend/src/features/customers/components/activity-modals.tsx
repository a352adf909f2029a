import { DatePicker, Form, Input, InputNumber, Radio, Select, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '@/components/form-modal';
import { useCommonT } from '@/i18n';
import { useAddCall } from '../api/add-call';
import { useAddFollowUp } from '../api/add-follow-up';
import { useAddVisit } from '../api/add-visit';
import { useCompleteFollowUp } from '../api/complete-follow-up';
import type { Customer } from '../api/get-customers';
import type { Channel } from '../api/get-customers';
import { useReassignCustomer } from '../api/reassign-customer';
import { useCustomersT } from '../i18n';
import { CampaignField } from './campaign-field';
import { useOptionLabels } from './options';
import { FOLLOW_UP_METHODS } from './follow-up-method';

export interface ConsultantOption {
  value: string;
  label: string;
}

interface VisitValues {
  party_size: number;
  channel: Channel;
  notes?: string;
  consultant_id?: string;
  campaign_id?: string | null;
}

export function VisitModal({
  customer,
  consultantOptions,
  onClose,
}: {
  customer: Customer;
  /** Supervisors may log the visit for a consultant. */
  consultantOptions?: readonly ConsultantOption[];
  onClose: () => void;
}) {
  const { t } = useCustomersT();
  const options = useOptionLabels();
  const [form] = Form.useForm<VisitValues>();
  const add = useAddVisit();
  const submit = async (values: VisitValues) => {
    await add.mutateAsync({
      customerId: customer.id,
      body: {
        party_size: values.party_size,
        channel: values.channel,
        notes: values.notes?.trim() || null,
        consultant_id: values.consultant_id ?? null,
        campaign_id: values.campaign_id ?? null,
      },
    });
    onClose();
  };
  return (
    <FormModal<VisitValues>
      title={t('visit.title')}
      form={form as FormInstance<VisitValues>}
      onSubmit={submit}
      onCancel={onClose}
      errorMapping={{ fields: ['party_size', 'channel', 'notes', 'consultant_id', 'campaign_id'] }}
      initialValues={{ party_size: 1, channel: customer.channel, consultant_id: customer.owner?.id }}
    >
      {consultantOptions && (
        <Form.Item name="consultant_id" label={t('visit.consultant')}>
          <Select options={[...consultantOptions]} showSearch optionFilterProp="label" />
        </Form.Item>
      )}
      <Form.Item name="party_size" label={t('visit.partySize')}>
        <InputNumber min={1} max={50} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="channel" label={t('fields.channel')}>
        <Select options={options.channels} />
      </Form.Item>
      <CampaignField projectId={customer.project_id} />
      <Form.Item name="notes" label={t('fields.notes')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}

interface CallValues {
  direction: 'inbound' | 'outbound';
  duration_seconds?: number | null;
  notes?: string;
}

export function CallModal({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useCustomersT();
  const [form] = Form.useForm<CallValues>();
  const add = useAddCall();
  const submit = async (values: CallValues) => {
    await add.mutateAsync({
      customerId,
      body: {
        direction: values.direction,
        duration_seconds: values.duration_seconds ?? null,
        notes: values.notes?.trim() || null,
      },
    });
    onClose();
  };
  return (
    <FormModal<CallValues>
      title={t('call.title')}
      form={form as FormInstance<CallValues>}
      onSubmit={submit}
      onCancel={onClose}
      errorMapping={{ fields: ['direction', 'duration_seconds', 'notes'] }}
      initialValues={{ direction: 'inbound' }}
    >
      <Form.Item name="direction" label={t('call.direction')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'inbound', label: t('call.inbound') },
            { value: 'outbound', label: t('call.outbound') },
          ]}
        />
      </Form.Item>
      <Form.Item name="duration_seconds" label={t('call.duration')}>
        <InputNumber min={0} max={86400} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="notes" label={t('fields.notes')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}

interface FollowUpValues {
  due_at: Dayjs;
  method?: string;
  notes?: string;
}


export function FollowUpModal({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useCustomersT();
  const common = useCommonT().t;
  const [form] = Form.useForm<FollowUpValues>();
  const add = useAddFollowUp();
  const submit = async (values: FollowUpValues) => {
    await add.mutateAsync({
      customerId,
      body: { due_at: values.due_at.toISOString(), method: values.method ?? null, notes: values.notes?.trim() || null },
    });
    onClose();
  };
  return (
    <FormModal<FollowUpValues>
      title={t('followUp.title')}
      form={form as FormInstance<FollowUpValues>}
      onSubmit={submit}
      onCancel={onClose}
      errorMapping={{ fields: ['due_at', 'method', 'notes'] }}
      initialValues={{ due_at: dayjs().add(1, 'day').hour(10).minute(0).second(0), method: 'call' }}
    >
      <Form.Item
        name="due_at"
        label={t('followUp.dueAt')}
        rules={[{ required: true, message: common('form.required', { field: t('followUp.dueAt') }) }]}
      >
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="method" label={t('followUp.method')}>
        <Select options={FOLLOW_UP_METHODS.map((value) => ({ value, label: t(`followUp.methods.${value}`) }))} />
      </Form.Item>
      <Form.Item name="notes" label={t('fields.notes')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}

export function CompleteFollowUpModal({ followUpId, onClose }: { followUpId: string; onClose: () => void }) {
  const { t } = useCustomersT();
  const common = useCommonT().t;
  const [form] = Form.useForm<{ outcome: string }>();
  const complete = useCompleteFollowUp();
  const submit = async ({ outcome }: { outcome: string }) => {
    await complete.mutateAsync({ followUpId, outcome: outcome.trim() });
    onClose();
  };
  return (
    <FormModal<{ outcome: string }>
      title={t('followUp.doneTitle')}
      form={form as FormInstance<{ outcome: string }>}
      onSubmit={submit}
      onCancel={onClose}
      errorMapping={{ fields: ['outcome'] }}
    >
      <Form.Item
        name="outcome"
        label={t('followUp.outcome')}
        rules={[{ required: true, whitespace: true, message: common('form.required', { field: t('followUp.outcome') }) }]}
      >
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}

interface ReassignValues {
  to_user_id: string;
  reason: string;
}

export function ReassignModal({
  customer,
  consultantOptions,
  onClose,
}: {
  customer: Customer;
  consultantOptions: readonly ConsultantOption[];
  onClose: () => void;
}) {
  const { t } = useCustomersT();
  const common = useCommonT().t;
  const [form] = Form.useForm<ReassignValues>();
  const reassign = useReassignCustomer();
  const submit = async (values: ReassignValues) => {
    await reassign.mutateAsync({
      customerId: customer.id,
      body: { to_user_id: values.to_user_id, reason: values.reason.trim() },
    });
    onClose();
  };
  return (
    <FormModal<ReassignValues>
      title={t('reassign.title')}
      form={form as FormInstance<ReassignValues>}
      onSubmit={submit}
      onCancel={onClose}
      errorMapping={{ fields: ['to_user_id', 'reason'] }}
    >
      <Form.Item
        name="to_user_id"
        label={t('reassign.to')}
        rules={[{ required: true, message: common('form.required', { field: t('reassign.to') }) }]}
      >
        <Select
          options={consultantOptions.filter((option) => option.value !== customer.owner?.id)}
          showSearch
          optionFilterProp="label"
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('reassign.reason')}
        rules={[{ required: true, whitespace: true, message: common('form.required', { field: t('reassign.reason') }) }]}
      >
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}
