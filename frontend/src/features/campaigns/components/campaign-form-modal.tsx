import { DatePicker, Form, Input, InputNumber, Select, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '@/components/form-modal';
import { optionalMoney } from '@/lib/money';
import { useCreateCampaign, useUpdateCampaign, type Campaign } from '../api/campaigns';
import { useCampaignsT } from '../i18n';
import { KINDS, MEDIA } from '../lib/campaigns';

interface Values {
  name: string;
  kind: Campaign['kind'];
  medium: Campaign['medium'];
  dates: [Dayjs, Dayjs];
  budget?: string | null;
  notes?: string;
}

const DAY = 'YYYY-MM-DD';
// The API names `starts_on` and `ends_on`; both land on the one range field.
const FIELDS = { fields: ['name', 'kind', 'medium', 'dates', 'budget', 'notes'], aliases: { starts_on: 'dates', ends_on: 'dates' } };

function body(values: Values) {
  return {
    name: values.name.trim(),
    kind: values.kind,
    medium: values.medium,
    starts_on: values.dates[0].format(DAY),
    ends_on: values.dates[1].format(DAY),
    budget: optionalMoney(values.budget),
    notes: values.notes?.trim() ? values.notes.trim() : null,
  };
}

function Fields() {
  const { t } = useCampaignsT();
  return (
    <>
      <Form.Item name="name" label={t('fields.name')} rules={[{ required: true, max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="kind" label={t('fields.kind')} rules={[{ required: true }]}>
        <Select options={KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))} />
      </Form.Item>
      <Form.Item name="medium" label={t('fields.medium')} rules={[{ required: true }]}>
        <Select options={MEDIA.map((value) => ({ value, label: t(`media.${value}`) }))} />
      </Form.Item>
      <Form.Item name="dates" label={t('fields.period')} rules={[{ required: true }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="budget" label={t('fields.budget')}>
        <InputNumber<string> stringMode min="0" max="999999999999" step={10000} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="notes" label={t('fields.notes')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </>
  );
}

/** Create a campaign (site management); `onCreated` gets it. */
export function CreateCampaignModal({
  projectId,
  onClose,
  onCreated,
}: {
  projectId: string;
  onClose: () => void;
  onCreated?: (campaign: Campaign) => void;
}) {
  const { t } = useCampaignsT();
  const [form] = Form.useForm<Values>();
  const create = useCreateCampaign(projectId);
  return (
    <FormModal<Values>
      title={t('form.createTitle')}
      form={form as FormInstance<Values>}
      errorMapping={FIELDS}
      initialValues={{ kind: 'advertising', medium: 'online', dates: [dayjs(), dayjs().add(30, 'day')] }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const campaign = await create.mutateAsync(body(values));
        onCreated?.(campaign);
        onClose();
      }}
    >
      <Fields />
    </FormModal>
  );
}

/** Edit a campaign with its version as If-Match. */
export function EditCampaignModal({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const { t } = useCampaignsT();
  const [form] = Form.useForm<Values>();
  const update = useUpdateCampaign(campaign);
  return (
    <FormModal<Values>
      title={t('form.editTitle')}
      form={form as FormInstance<Values>}
      errorMapping={FIELDS}
      initialValues={{
        name: campaign.name,
        kind: campaign.kind,
        medium: campaign.medium,
        dates: [dayjs(campaign.starts_on), dayjs(campaign.ends_on)],
        budget: campaign.budget,
        notes: campaign.notes ?? undefined,
      }}
      onCancel={onClose}
      onSubmit={async (values) => {
        await update.mutateAsync(body(values));
        onClose();
      }}
    >
      <Fields />
    </FormModal>
  );
}
