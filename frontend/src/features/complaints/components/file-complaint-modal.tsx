import { Alert, Form, Input, Select } from 'antd';
import { FormModal } from '@/components/form-modal';
import type { Complaint } from '../api/get-complaints';
import { useFileComplaint, type ComplaintCreate } from '../api/complaint-mutations';
import { useComplaintsT } from '../i18n';
import { CATEGORIES, CHANNELS, SEVERITIES, SOURCES } from '../lib/deadline';

type Values = Pick<ComplaintCreate, 'source' | 'channel' | 'category' | 'severity' | 'title' | 'description'>;

const FIELDS = ['source', 'channel', 'category', 'severity', 'title', 'description', 'customer_id', 'deal_id', 'unit_id'];

/**
 * Files a complaint; from a customer's or deal's page it comes pre-linked to them (`customerId`,
 * `dealId`, and `about` names them). Mount only while open.
 */
export function FileComplaintModal({
  projectId,
  customerId,
  dealId,
  about,
  onClose,
  onFiled,
}: {
  projectId: string;
  customerId?: string | null;
  dealId?: string | null;
  about?: string;
  onClose: () => void;
  onFiled?: (complaint: Complaint) => void;
}) {
  const { t } = useComplaintsT();
  const [form] = Form.useForm<Values>();
  const file = useFileComplaint(projectId);
  const options = <K extends string>(values: readonly K[], label: (v: K) => string) =>
    values.map((value) => ({ value, label: label(value) }));

  return (
    <FormModal<Values>
      title={t('forms.fileTitle')}
      form={form}
      errorMapping={{ fields: FIELDS }}
      okText={t('list.file')}
      initialValues={{ source: customerId || dealId ? 'customer' : undefined, severity: 'minor', channel: 'on_site' }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const complaint = await file.mutateAsync({
          ...values,
          customer_id: customerId ?? null,
          deal_id: dealId ?? null,
        });
        onFiled?.(complaint);
        onClose();
      }}
    >
      {about && <Alert type="info" showIcon message={t('forms.linkedTo', { what: about })} style={{ marginBottom: 16 }} />}
      <Form.Item name="title" label={t('fields.title')} rules={[{ required: true, whitespace: true, message: t('forms.required') }]}>
        <Input maxLength={200} data-testid="complaint-title-input" />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('fields.description')}
        rules={[{ required: true, whitespace: true, message: t('forms.required') }]}
      >
        <Input.TextArea rows={3} maxLength={4000} data-testid="complaint-description-input" />
      </Form.Item>
      <Form.Item name="source" label={t('fields.source')} rules={[{ required: true, message: t('forms.required') }]}>
        <Select options={options(SOURCES, (v) => t(`sources.${v}`))} data-testid="complaint-source-select" />
      </Form.Item>
      <Form.Item name="category" label={t('fields.category')} rules={[{ required: true, message: t('forms.required') }]}>
        <Select options={options(CATEGORIES, (v) => t(`categories.${v}`))} data-testid="complaint-category-select" />
      </Form.Item>
      <Form.Item name="severity" label={t('fields.severity')} rules={[{ required: true, message: t('forms.required') }]}>
        <Select options={options(SEVERITIES, (v) => t(`severities.${v}`))} />
      </Form.Item>
      <Form.Item name="channel" label={t('fields.channel')} rules={[{ required: true, message: t('forms.required') }]}>
        <Select options={options(CHANNELS, (v) => t(`channels.${v}`))} />
      </Form.Item>
    </FormModal>
  );
}
