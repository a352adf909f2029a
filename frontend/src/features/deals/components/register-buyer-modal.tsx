import { Form, Input } from 'antd';
import { FormModal } from '@/components/form-modal';
import { useRegisterBuyer, type BuyerChoice } from '../api/get-customers';
import { useDealsT } from '../i18n';

interface Values {
  name: string;
  phone: string;
}

/** A new customer registered on the spot (walk-in buyer); a phone already taken shows on the phone field. */
export function RegisterBuyerModal({
  projectId,
  onClose,
  onRegistered,
}: {
  projectId: string;
  onClose: () => void;
  onRegistered: (buyer: BuyerChoice) => void;
}) {
  const { t } = useDealsT();
  const [form] = Form.useForm<Values>();
  const register = useRegisterBuyer(projectId);
  return (
    <FormModal<Values>
      title={t('wizard.registerTitle')}
      form={form}
      onCancel={onClose}
      errorMapping={{
        fields: ['name', 'phone'],
        codes: { customer_owned_by_other: 'phone', customer_exists: 'phone', phone_taken: 'phone', customer_in_pool: 'phone' },
      }}
      onSubmit={async (values) => {
        const customer = await register.mutateAsync({ projectId, body: { name: values.name.trim(), phone: values.phone.trim(), channel: 'walk_in' } });
        onRegistered({ id: customer.id, name: customer.name, phone: customer.phone, stage: customer.stage });
      }}
    >
      <Form.Item name="name" label={t('wizard.name')} rules={[{ required: true, whitespace: true, message: t('wizard.name') }]}>
        <Input autoComplete="off" maxLength={100} />
      </Form.Item>
      <Form.Item name="phone" label={t('wizard.phone')} rules={[{ required: true, message: t('wizard.phone') }]}>
        <Input autoComplete="off" inputMode="tel" maxLength={32} />
      </Form.Item>
    </FormModal>
  );
}
