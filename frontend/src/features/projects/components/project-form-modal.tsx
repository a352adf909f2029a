import { Form, Input, Select, Switch, type FormInstance } from 'antd';
import { useCommonT } from '@/i18n';
import { FormModal } from '@/components/form-modal';
import { useCreateProject, type ProjectCreate } from '../api/create-project';
import { useProject } from '../api/get-project';
import type { Project } from '../api/get-projects';
import { useUpdateProject } from '../api/update-project';
import { useProjectsT } from '../i18n';

export interface DeveloperOption {
  value: string;
  label: string;
}

interface ProjectValues {
  developer_id: string;
  name: string;
  code: string;
  city?: string;
  address?: string;
  timezone: string;
  is_active?: boolean;
}

const FIELDS = ['developer_id', 'name', 'code', 'city', 'address', 'timezone', 'is_active'] as const;
const CODES = { project_code_taken: 'code', not_found: 'developer_id' };
const TIMEZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'UTC'];

function blankToNull(value: string | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}

function ProjectFields({ developerOptions, editing }: { developerOptions: readonly DeveloperOption[]; editing: boolean }) {
  const { t } = useProjectsT();
  const common = useCommonT().t;
  const required = (field: string) => ({ required: true, message: common('form.required', { field }) });
  return (
    <>
      <Form.Item name="developer_id" label={t('fields.developer')} rules={[required(t('fields.developer'))]}>
        <Select
          options={[...developerOptions]}
          disabled={editing}
          showSearch
          optionFilterProp="label"
        />
      </Form.Item>
      <Form.Item name="name" label={t('fields.name')} rules={[required(t('fields.name')), { max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('fields.code')}
        extra={t('fields.codeHelp')}
        rules={[required(t('fields.code')), { pattern: /^[A-Za-z0-9_-]+$/, message: t('codePattern') }, { max: 32 }]}
      >
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item name="city" label={t('fields.city')} rules={[{ max: 64 }]}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="address" label={t('fields.address')} rules={[{ max: 300 }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="timezone" label={t('fields.timezone')} rules={[required(t('fields.timezone'))]}>
        <Select options={TIMEZONES.map((zone) => ({ value: zone, label: zone }))} />
      </Form.Item>
      {editing && (
        <Form.Item name="is_active" label={t('fields.active')} valuePropName="checked">
          <Switch checkedChildren={common('status.active')} unCheckedChildren={common('status.inactive')} />
        </Form.Item>
      )}
    </>
  );
}

export function CreateProjectModal({
  developerOptions,
  onClose,
  onCreated,
}: {
  developerOptions: readonly DeveloperOption[];
  onClose: () => void;
  onCreated?: (project: Project) => void;
}) {
  const { t } = useProjectsT();
  const [form] = Form.useForm<ProjectValues>();
  const create = useCreateProject();
  const submit = async (values: ProjectValues) => {
    const body: ProjectCreate = {
      developer_id: values.developer_id,
      name: values.name.trim(),
      code: values.code.trim(),
      city: blankToNull(values.city),
      address: blankToNull(values.address),
      timezone: values.timezone,
    };
    const project = await create.mutateAsync(body);
    onCreated?.(project);
    onClose();
  };
  return (
    <FormModal<ProjectValues>
      title={t('create')}
      form={form as FormInstance<ProjectValues>}
      onSubmit={submit}
      onCancel={onClose}
      errorMapping={{ fields: FIELDS, codes: CODES }}
      initialValues={{ timezone: 'Asia/Shanghai', developer_id: developerOptions[0]?.value }}
    >
      <ProjectFields developerOptions={developerOptions} editing={false} />
    </FormModal>
  );
}

export function EditProjectModal({
  projectId,
  developerOptions,
  onClose,
}: {
  projectId: string;
  developerOptions: readonly DeveloperOption[];
  onClose: () => void;
}) {
  const { t } = useProjectsT();
  const common = useCommonT().t;
  const [form] = Form.useForm<ProjectValues>();
  const project = useProject(projectId);
  const update = useUpdateProject();
  const current = project.data?.data;
  const submit = async (values: ProjectValues) => {
    await update.mutateAsync({
      projectId,
      etag: project.data?.etag ?? null,
      changes: {
        name: values.name.trim(),
        code: values.code.trim(),
        city: blankToNull(values.city),
        address: blankToNull(values.address),
        timezone: values.timezone,
        is_active: values.is_active,
      },
    });
    onClose();
  };
  return (
    <FormModal<ProjectValues>
      title={t('edit')}
      form={form as FormInstance<ProjectValues>}
      onSubmit={submit}
      onCancel={onClose}
      onStale={() => void project.refetch()}
      errorMapping={{ fields: FIELDS, codes: CODES }}
      loading={current === undefined}
      version={project.data?.etag}
      okText={common('actions.save')}
      initialValues={
        current && {
          developer_id: current.developer_id,
          name: current.name,
          code: current.code,
          city: current.city ?? undefined,
          address: current.address ?? undefined,
          timezone: current.timezone,
          is_active: current.is_active,
        }
      }
    >
      <ProjectFields developerOptions={developerOptions} editing />
    </FormModal>
  );
}
