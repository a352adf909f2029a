import { Form, Input, Select, type FormInstance } from 'antd';
import { FormModal } from '@/components/form-modal';
import { useCommonT } from '@/i18n';
import { useCreateBroker } from '../api/create-broker';
import { useCreateReferral } from '../api/create-referral';
import { useAgents } from '../api/get-agents';
import type { Broker } from '../api/get-brokers';
import { useCustomersT } from '../i18n';

interface BrokerValues {
  name: string;
  contact_name?: string;
  contact_phone?: string;
}

const blank = (value: string | undefined) => (value?.trim() ? value.trim() : null);

export function BrokerModal({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const { t } = useCustomersT();
  const common = useCommonT().t;
  const [form] = Form.useForm<BrokerValues>();
  const create = useCreateBroker();
  const submit = async (values: BrokerValues) => {
    await create.mutateAsync({
      projectId,
      body: { name: values.name.trim(), contact_name: blank(values.contact_name), contact_phone: blank(values.contact_phone) },
    });
    onClose();
  };
  return (
    <FormModal<BrokerValues>
      title={t('brokers.create')}
      form={form as FormInstance<BrokerValues>}
      onSubmit={submit}
      onCancel={onClose}
      errorMapping={{ fields: ['name', 'contact_name', 'contact_phone'], codes: { broker_name_taken: 'name' } }}
    >
      <Form.Item
        name="name"
        label={t('brokers.name')}
        rules={[{ required: true, whitespace: true, message: common('form.required', { field: t('brokers.name') }) }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="contact_name" label={t('brokers.contactName')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="contact_phone" label={t('brokers.contactPhone')}>
        <Input inputMode="tel" maxLength={32} />
      </Form.Item>
    </FormModal>
  );
}

interface ReferralValues {
  broker_id: string;
  agent_id?: string;
  customer_name: string;
  phone: string;
  notes?: string;
}

export function ReferralModal({
  projectId,
  brokers,
  onClose,
}: {
  projectId: string;
  brokers: readonly Broker[];
  onClose: () => void;
}) {
  const { t } = useCustomersT();
  const common = useCommonT().t;
  const [form] = Form.useForm<ReferralValues>();
  const brokerId = Form.useWatch('broker_id', form);
  const agents = useAgents(brokerId);
  const create = useCreateReferral();
  const submit = async (values: ReferralValues) => {
    await create.mutateAsync({
      projectId,
      body: {
        broker_id: values.broker_id,
        agent_id: values.agent_id ?? null,
        customer_name: values.customer_name.trim(),
        phone: values.phone.trim(),
        notes: blank(values.notes),
      },
    });
    onClose();
  };
  const required = (field: string) => ({ required: true, whitespace: true, message: common('form.required', { field }) });
  return (
    <FormModal<ReferralValues>
      title={t('brokers.register')}
      form={form as FormInstance<ReferralValues>}
      onSubmit={submit}
      onCancel={onClose}
      errorMapping={{
        fields: ['broker_id', 'agent_id', 'customer_name', 'phone', 'notes'],
        codes: { referral_exists: 'phone', customer_already_registered: 'phone' },
      }}
    >
      <Form.Item name="broker_id" label={t('brokers.broker')} rules={[required(t('brokers.broker'))]}>
        <Select
          options={brokers.filter((broker) => broker.is_active).map((broker) => ({ value: broker.id, label: broker.name }))}
          onChange={() => form.setFieldValue('agent_id', undefined)}
        />
      </Form.Item>
      <Form.Item name="agent_id" label={t('brokers.agent')}>
        <Select
          allowClear
          disabled={brokerId === undefined}
          loading={agents.isFetching}
          options={(agents.data ?? []).map((agent) => ({ value: agent.id, label: `${agent.name} · ${agent.phone}` }))}
        />
      </Form.Item>
      <Form.Item name="customer_name" label={t('brokers.customerName')} rules={[required(t('brokers.customerName'))]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="phone" label={t('fields.phone')} extra={t('phoneHelp')} rules={[required(t('fields.phone'))]}>
        <Input inputMode="tel" maxLength={32} />
      </Form.Item>
      <Form.Item name="notes" label={t('fields.notes')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </FormModal>
  );
}
