import { Form, Select, type FormInstance } from 'antd';
import { FormModal } from '@/components/form-modal';
import { useCommonT } from '@/i18n';
import { PROJECT_ROLES, type ProjectRole } from '@/lib/roles';
import { useAddMember } from '../api/add-member';
import { useMembersT } from '../i18n';

export interface UserOption {
  value: string;
  label: string;
  /** Already in the project: shown, but not selectable. */
  disabled?: boolean;
}

interface MemberValues {
  user_id: string;
  role: ProjectRole;
}

export function AddMemberModal({
  projectId,
  userOptions,
  usersLoading,
  onClose,
}: {
  projectId: string;
  userOptions: readonly UserOption[];
  usersLoading?: boolean;
  onClose: () => void;
}) {
  const { t } = useMembersT();
  const common = useCommonT().t;
  const [form] = Form.useForm<MemberValues>();
  const add = useAddMember();
  return (
    <FormModal<MemberValues>
      title={t('add')}
      form={form as FormInstance<MemberValues>}
      okText={t('add')}
      onSubmit={async (values) => {
        await add.mutateAsync({ projectId, body: values });
        onClose();
      }}
      onCancel={onClose}
      errorMapping={{ fields: ['user_id', 'role'], codes: { already_member: 'user_id', not_found: 'user_id' } }}
      initialValues={{ role: 'consultant' }}
    >
      <Form.Item
        name="user_id"
        label={t('fields.user')}
        rules={[{ required: true, message: common('form.required', { field: t('fields.user') }) }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          loading={usersLoading}
          options={userOptions.map((option) => ({
            ...option,
            label: option.disabled ? `${option.label}（${t('alreadyMember')}）` : option.label,
          }))}
        />
      </Form.Item>
      <Form.Item name="role" label={t('fields.role')} rules={[{ required: true }]}>
        <Select
          options={PROJECT_ROLES.map((role) => ({ value: role, label: common(`roles.${role}`) }))}
        />
      </Form.Item>
    </FormModal>
  );
}
