import { DatePicker, Form, Input, Select, Typography, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '@/components/form-modal';
import { useCommonT } from '@/i18n';
import { useCreateApiKey, useScopeCatalog, type ApiKeyCreated } from '../api/api-keys';
import { useApiKeysT } from '../i18n';
import { ScopePicker } from './scope-picker';

interface KeyValues {
  name: string;
  scopes: string[];
  project_ids?: string[];
  expires_at?: Dayjs | null;
}

const FIELDS = ['name', 'scopes', 'project_ids', 'expires_at'] as const;

/** The form of a new key; on success hands the created key (with its one-time secret) to `onCreated`. */
export function CreateApiKeyModal({
  projects,
  projectsLoading,
  onClose,
  onCreated,
}: {
  projects: readonly { id: string; name: string }[];
  projectsLoading: boolean;
  onClose: () => void;
  onCreated: (key: ApiKeyCreated) => void;
}) {
  const { t } = useApiKeysT();
  const common = useCommonT().t;
  const [form] = Form.useForm<KeyValues>();
  const create = useCreateApiKey();
  const catalog = useScopeCatalog();
  return (
    <FormModal<KeyValues>
      title={t('create')}
      form={form as FormInstance<KeyValues>}
      initialValues={{ scopes: [] }}
      loading={catalog.isPending}
      onSubmit={async (values) => {
        const created = await create.mutateAsync({
          name: values.name.trim(),
          scopes: values.scopes,
          project_ids: values.project_ids?.length ? values.project_ids : null,
          expires_at: values.expires_at ? values.expires_at.endOf('day').toISOString() : null,
        });
        onCreated(created);
      }}
      onCancel={onClose}
      errorMapping={{ fields: FIELDS }}
    >
      <Form.Item
        name="name"
        label={t('fields.name')}
        rules={[{ required: true, whitespace: true, message: common('form.required', { field: t('fields.name') }) }]}
      >
        <Input maxLength={100} data-testid="api-key-name" />
      </Form.Item>
      <Form.Item
        name="scopes"
        label={t('fields.scopes')}
        extra={<Typography.Text type="secondary">{t('scopesHelp')}</Typography.Text>}
        rules={[{ required: true, type: 'array', min: 1, message: t('scopesRequired') }]}
      >
        <ScopePicker domains={catalog.data?.domains ?? []} />
      </Form.Item>
      <Form.Item name="project_ids" label={t('fields.projects')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('fields.allProjects')}
          loading={projectsLoading}
          options={projects.map((project) => ({ value: project.id, label: project.name }))}
        />
      </Form.Item>
      <Form.Item name="expires_at" label={t('fields.expiresAt')}>
        <DatePicker placeholder={t('fields.never')} disabledDate={(day) => day.isBefore(new Date(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}
