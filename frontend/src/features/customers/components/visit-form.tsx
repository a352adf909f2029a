import { Alert, Button, Form, Input, InputNumber, Select, type FormInstance } from 'antd';
import { useState } from 'react';
import { useErrorMessage } from '@/lib/error-message';
import { applyFormErrors } from '@/lib/form-errors';
import { useAddVisit, type Visit } from '../api/add-visit';
import type { Customer } from '../api/get-customers';
import type { Channel } from '../api/get-customers';
import { useCustomersT } from '../i18n';
import { CampaignField } from './campaign-field';
import { useOptionLabels } from './options';

interface VisitValues {
  party_size: number;
  channel: Channel;
  notes?: string;
  campaign_id?: string | null;
}

const FIELDS = ['party_size', 'channel', 'notes', 'campaign_id'] as const;

/** Logs a visit on the page (the walk-in flow's last step). */
export function LogVisitForm({
  projectId,
  customer,
  consultantId,
  onLogged,
}: {
  /** The project whose running campaigns the form offers as the visit's source. */
  projectId: string;
  customer: Pick<Customer, 'id' | 'channel'>;
  /** Supervisors log the visit for the consultant who received the visitor. */
  consultantId?: string;
  onLogged: (visit: Visit) => void;
}) {
  const { t } = useCustomersT();
  const options = useOptionLabels();
  const describe = useErrorMessage();
  const [form] = Form.useForm<VisitValues>();
  const add = useAddVisit();
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: VisitValues) => {
    setProblem(null);
    try {
      onLogged(
        await add.mutateAsync({
          customerId: customer.id,
          body: {
            party_size: values.party_size,
            channel: values.channel,
            notes: values.notes?.trim() || null,
            consultant_id: consultantId ?? null,
            campaign_id: values.campaign_id ?? null,
          },
        }),
      );
    } catch (error) {
      if (!applyFormErrors(form as FormInstance, error, { fields: FIELDS })) setProblem(describe(error));
    }
  };

  return (
    <Form<VisitValues>
      form={form}
      layout="vertical"
      initialValues={{ party_size: 1, channel: customer.channel }}
      onFinish={(values) => void submit(values)}
      aria-label={t('visit.title')}
    >
      {problem !== null && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item name="party_size" label={t('visit.partySize')}>
        <InputNumber min={1} max={50} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="channel" label={t('fields.channel')}>
        <Select options={options.channels} />
      </Form.Item>
      <CampaignField projectId={projectId} />
      <Form.Item name="notes" label={t('fields.notes')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending} block>
        {t('actions.logVisit')}
      </Button>
    </Form>
  );
}
