import { Checkbox, Col, Form, Input, Row, Typography } from 'antd';
import { FormModal } from '@/components/form-modal';
import { useCommonT } from '@/i18n';
import { useCreateWebhook, useEventTypes, type WebhookWithSecret } from '../api/webhooks';
import { useWebhooksT } from '../i18n';

interface Values {
  url: string;
  description?: string;
  event_types: string[];
}

const FIELDS = ['url', 'description', 'event_types'] as const;

/** A new endpoint: its URL and the event types it takes (checkboxes by domain); `onCreated` gets the secret. */
export function CreateWebhookModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (endpoint: WebhookWithSecret) => void;
}) {
  const { t } = useWebhooksT();
  const common = useCommonT().t;
  const [form] = Form.useForm<Values>();
  const create = useCreateWebhook();
  const types = useEventTypes();
  const domains = [...new Set((types.data ?? []).map((type) => type.domain))];

  return (
    <FormModal<Values>
      title={t('create')}
      form={form}
      errorMapping={{ fields: FIELDS }}
      initialValues={{ event_types: [] }}
      loading={types.isPending}
      onCancel={onClose}
      onSubmit={async (values) => {
        const created = await create.mutateAsync({
          url: values.url.trim(),
          description: values.description?.trim() || null,
          event_types: values.event_types,
        });
        onCreated(created);
      }}
    >
      <Form.Item
        name="url"
        label={t('url')}
        rules={[{ required: true, whitespace: true, message: common('form.required', { field: t('url') }) }]}
      >
        <Input placeholder="https://crm.example.com/anchang/webhooks" autoComplete="off" />
      </Form.Item>
      <Form.Item name="description" label={t('description')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item
        name="event_types"
        label={t('eventTypes')}
        rules={[{ required: true, type: 'array', min: 1, message: t('eventTypesRequired') }]}
      >
        <Checkbox.Group style={{ width: '100%' }}>
          {domains.map((domain) => (
            <div key={domain} style={{ marginBottom: 8, width: '100%' }}>
              <Typography.Text strong>{domain}</Typography.Text>
              <Row>
                {(types.data ?? [])
                  .filter((type) => type.domain === domain)
                  .map((type) => (
                    <Col span={12} key={type.name}>
                      <Checkbox value={type.name} title={type.description}>
                        {type.name}
                      </Checkbox>
                    </Col>
                  ))}
              </Row>
            </div>
          ))}
        </Checkbox.Group>
      </Form.Item>
    </FormModal>
  );
}
