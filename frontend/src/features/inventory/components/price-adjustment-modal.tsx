import { Form, Input, Radio, Select } from 'antd';
import { App } from 'antd';
import { FormModal } from '@/components/form-modal';
import { useBuildings } from '../api/get-buildings';
import { useCreatePriceList } from '../api/create-price-list';
import { useInventoryT } from '../i18n';

interface Values {
  kind: 'percent' | 'amount';
  value: string;
  scope: 'building' | 'units';
  building_id?: string;
  unit_ids?: string[];
  description?: string;
}

const SIGNED = /^-?\d{1,12}(\.\d{1,2})?$/;

/** 调价: a percentage or an amount for chosen units or a whole building; a pending version comes of it. */
export function PriceAdjustmentModal({
  projectId,
  unitOptions,
  onClose,
}: {
  projectId: string;
  unitOptions: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useInventoryT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const buildings = useBuildings(projectId);
  const create = useCreatePriceList();
  const kind = Form.useWatch('kind', form) ?? 'percent';
  const scope = Form.useWatch('scope', form) ?? 'building';

  return (
    <FormModal<Values>
      title={t('prices.adjustTitle')}
      form={form}
      initialValues={{ kind: 'percent', scope: 'building' }}
      okText={t('prices.submit')}
      errorMapping={{ fields: ['description'] }}
      onCancel={onClose}
      onSubmit={async (values) => {
        await create.mutateAsync({
          projectId,
          body: {
            description: values.description?.trim() || null,
            adjustment: {
              kind: values.kind,
              value: values.value.trim(),
              building_id: values.scope === 'building' ? values.building_id : null,
              unit_ids: values.scope === 'units' ? values.unit_ids : null,
            },
          },
        });
        void message.success(t('prices.submitted'));
        onClose();
      }}
    >
      <Form.Item name="kind" label={t('prices.kind')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'percent', label: t('prices.percent') },
            { value: 'amount', label: t('prices.amount') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="value"
        label={t('prices.value')}
        extra={kind === 'percent' ? t('prices.valueHelpPercent') : t('prices.valueHelpAmount')}
        rules={[{ required: true, pattern: SIGNED, message: t('prices.valueInvalid') }]}
      >
        <Input inputMode="decimal" suffix={kind === 'percent' ? '%' : '元'} />
      </Form.Item>
      <Form.Item name="scope" label={t('prices.scope')}>
        <Radio.Group
          options={[
            { value: 'building', label: t('prices.scopeBuilding') },
            { value: 'units', label: t('prices.scopeUnits') },
          ]}
        />
      </Form.Item>
      {scope === 'building' ? (
        <Form.Item name="building_id" label={t('prices.building')} rules={[{ required: true, message: t('prices.building') }]}>
          <Select
            loading={buildings.isPending}
            options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
      ) : (
        <Form.Item name="unit_ids" label={t('prices.unitsPick')} rules={[{ required: true, message: t('prices.unitsPick') }]}>
          <Select mode="multiple" showSearch optionFilterProp="label" placeholder={t('prices.unitsPlaceholder')} options={unitOptions} />
        </Form.Item>
      )}
      <Form.Item name="description" label={t('prices.description')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
