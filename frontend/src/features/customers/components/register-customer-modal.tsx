import { Form, type FormInstance } from 'antd';
import { FormModal } from '@/components/form-modal';
import { useCreateCustomer } from '../api/create-customer';
import type { Customer } from '../api/get-customers';
import { useCustomersT } from '../i18n';
import { applyCustomerErrors } from './customer-errors';
import { CustomerFields } from './customer-form';
import { CUSTOMER_FIELDS, toCustomerCreate, type CustomerValues } from './customer-values';

export function RegisterCustomerModal({
  projectId,
  onClose,
  onRegistered,
}: {
  projectId: string;
  onClose: () => void;
  onRegistered?: (customer: Customer) => void;
}) {
  const { t } = useCustomersT();
  const [form] = Form.useForm<CustomerValues>();
  const create = useCreateCustomer();
  const submit = async (values: CustomerValues) => {
    try {
      const customer = await create.mutateAsync({ projectId, body: toCustomerCreate(values) });
      onRegistered?.(customer);
      onClose();
    } catch (error) {
      if (applyCustomerErrors(form as FormInstance, error, CUSTOMER_FIELDS, t)) return;
      throw error;
    }
  };
  return (
    <FormModal<CustomerValues>
      title={t('register')}
      form={form as FormInstance<CustomerValues>}
      onSubmit={submit}
      onCancel={onClose}
      errorMapping={{ fields: CUSTOMER_FIELDS }}
      initialValues={{ channel: 'walk_in' }}
    >
      <CustomerFields projectId={projectId} />
    </FormModal>
  );
}
