import { Alert, Form, Input, Switch, type FormInstance } from 'antd';
import { FormModal } from '@/components/form-modal';
import { useCommonT } from '@/i18n';
import { useCreateUser } from '../api/create-user';
import { useUser } from '../api/get-user';
import { useUpdateUser, type UserUpdate } from '../api/update-user';
import { useUsersT } from '../i18n';

interface UserValues {
  email: string;
  full_name: string;
  phone?: string;
  password?: string;
  is_admin: boolean;
  is_active?: boolean;
}

const FIELDS = ['email', 'full_name', 'phone', 'password', 'is_admin', 'is_active'] as const;
const CODES = { email_taken: 'email', cannot_change_self: 'is_active' };
const PHONE = /^[0-9+\-() ]+$/;

function blankToNull(value: string | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}

function useRules() {
  const { t } = useUsersT();
  const common = useCommonT().t;
  return {
    required: (field: string) => ({ required: true, whitespace: true, message: common('form.required', { field }) }),
    email: { type: 'email' as const, message: common('form.invalidEmail') },
    password: { min: 8, message: common('form.minLength', { count: 8 }) },
    phone: [
      { pattern: PHONE, message: common('form.invalidPhone') },
      { min: 5, message: common('form.minLength', { count: 5 }) },
    ],
    t,
    common,
  };
}

export function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t, common, required, email, password, phone } = useRules();
  const [form] = Form.useForm<UserValues>();
  const create = useCreateUser();
  const submit = async (values: UserValues) => {
    await create.mutateAsync({
      email: values.email.trim(),
      full_name: values.full_name.trim(),
      phone: blankToNull(values.phone),
      password: values.password ?? '',
      is_admin: values.is_admin,
    });
    onClose();
  };
  return (
    <FormModal<UserValues>
      title={t('create')}
      form={form as FormInstance<UserValues>}
      onSubmit={submit}
      onCancel={onClose}
      errorMapping={{ fields: FIELDS, codes: CODES }}
      initialValues={{ is_admin: false }}
    >
      <Form.Item name="full_name" label={t('fields.fullName')} rules={[required(t('fields.fullName'))]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item name="email" label={t('fields.email')} rules={[required(t('fields.email')), email]}>
        <Input inputMode="email" autoComplete="off" />
      </Form.Item>
      <Form.Item name="phone" label={t('fields.phone')} rules={phone}>
        <Input inputMode="tel" maxLength={32} />
      </Form.Item>
      <Form.Item name="password" label={t('fields.password')} rules={[required(t('fields.password')), password]}>
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item name="is_admin" label={t('fields.isAdmin')} valuePropName="checked">
        <Switch checkedChildren={common('status.yes')} unCheckedChildren={common('status.no')} />
      </Form.Item>
    </FormModal>
  );
}

export function EditUserModal({ userId, onClose }: { userId: string; onClose: () => void }) {
  const { t, common, required, password, phone } = useRules();
  const [form] = Form.useForm<UserValues>();
  const user = useUser(userId);
  const update = useUpdateUser();
  const current = user.data?.data;
  const submit = async (values: UserValues) => {
    const changes: UserUpdate = {
      full_name: values.full_name.trim(),
      phone: blankToNull(values.phone),
      is_admin: values.is_admin,
      is_active: values.is_active,
    };
    if (values.password) changes.password = values.password;
    await update.mutateAsync({ userId, etag: user.data?.etag ?? null, changes });
    onClose();
  };
  return (
    <FormModal<UserValues>
      title={t('edit')}
      form={form as FormInstance<UserValues>}
      onSubmit={submit}
      onCancel={onClose}
      onStale={() => void user.refetch()}
      errorMapping={{ fields: FIELDS, codes: CODES }}
      loading={current === undefined}
      version={user.data?.etag}
      initialValues={
        current && {
          email: current.email,
          full_name: current.full_name,
          phone: current.phone ?? undefined,
          is_admin: current.is_admin,
          is_active: current.is_active,
        }
      }
    >
      <Form.Item name="email" label={t('fields.email')}>
        <Input disabled />
      </Form.Item>
      <Form.Item name="full_name" label={t('fields.fullName')} rules={[required(t('fields.fullName'))]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="phone" label={t('fields.phone')} rules={phone}>
        <Input inputMode="tel" maxLength={32} />
      </Form.Item>
      <Form.Item name="password" label={t('fields.newPassword')} extra={t('fields.newPasswordHelp')} rules={[password]}>
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item name="is_admin" label={t('fields.isAdmin')} valuePropName="checked">
        <Switch checkedChildren={common('status.yes')} unCheckedChildren={common('status.no')} />
      </Form.Item>
      <Form.Item name="is_active" label={t('fields.isActive')} valuePropName="checked">
        <Switch checkedChildren={common('status.active')} unCheckedChildren={common('status.inactive')} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.is_active !== b.is_active}>
        {({ getFieldValue }) =>
          getFieldValue('is_active') === false && current?.is_active ? (
            <Alert type="warning" showIcon message={t('deactivateHelp')} />
          ) : null
        }
      </Form.Item>
    </FormModal>
  );
}
