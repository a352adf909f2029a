import { Form, Input, type FormInstance } from 'antd';
import { FormModal } from '@/components/form-modal';
import { useCommonT } from '@/i18n';
import { useCreateDeveloper } from '../api/create-developer';
import { useDeveloper } from '../api/get-developer';
import { useUpdateDeveloper } from '../api/update-developer';
import { useDevelopersT } from '../i18n';

interface DeveloperValues {
  name: string;
  contact_name?: string;
  contact_phone?: string;
}

const FIELDS = ['name', 'contact_name', 'contact_phone'] as const;
const CODES = { developer_name_taken: 'name' };

function blankToNull(value: string | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}

function toBody(values: DeveloperValues) {
  return {
    name: values.name.trim(),
    contact_name: blankToNull(values.contact_name),
    contact_phone: blankToNull(values.contact_phone),
  };
}

function DeveloperFields() {
  const { t } = useDevelopersT();
  const common = useCommonT().t;
  return (
    <>
      <Form.Item
        name="name"
        label={t('fields.name')}
        rules={[{ required: true, whitespace: true, message: common('form.required', { field: t('fields.name') }) }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="contact_name" label={t('fields.contactName')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="contact_phone"
        label={t('fields.contactPhone')}
        rules={[
          { pattern: /^[0-9+\-() ]+$/, message: common('form.invalidPhone') },
          { min: 5, message: common('form.minLength', { count: 5 }) },
        ]}
      >
        <Input inputMode="tel" maxLength={32} />
      </Form.Item>
    </>
  );
}

export function CreateDeveloperModal({ onClose }: { onClose: () => void }) {
  const { t } = useDevelopersT();
  const [form] = Form.useForm<DeveloperValues>();
  const create = useCreateDeveloper();
  return (
    <FormModal<DeveloperValues>
      title={t('create')}
      form={form as FormInstance<DeveloperValues>}
      onSubmit={async (values) => {
        await create.mutateAsync(toBody(values));
        onClose();
      }}
      onCancel={onClose}
      errorMapping={{ fields: FIELDS, codes: CODES }}
    >
      <DeveloperFields />
    </FormModal>
  );
}

export function EditDeveloperModal({ developerId, onClose }: { developerId: string; onClose: () => void }) {
  const { t } = useDevelopersT();
  const [form] = Form.useForm<DeveloperValues>();
  const developer = useDeveloper(developerId);
  const update = useUpdateDeveloper();
  const current = developer.data?.data;
  return (
    <FormModal<DeveloperValues>
      title={t('edit')}
      form={form as FormInstance<DeveloperValues>}
      onSubmit={async (values) => {
        await update.mutateAsync({ developerId, etag: developer.data?.etag ?? null, changes: toBody(values) });
        onClose();
      }}
      onCancel={onClose}
      onStale={() => void developer.refetch()}
      errorMapping={{ fields: FIELDS, codes: CODES }}
      loading={current === undefined}
      version={developer.data?.etag}
      initialValues={
        current && {
          name: current.name,
          contact_name: current.contact_name ?? undefined,
          contact_phone: current.contact_phone ?? undefined,
        }
      }
    >
      <DeveloperFields />
    </FormModal>
  );
}
