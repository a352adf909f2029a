import { Form, Input } from 'antd';
import { FormModal } from '@/components/form-modal';
import type { Approval } from '../api/get-approvals';
import { useDecideApproval } from '../api/decide-approval';
import { useApprovalsT } from '../i18n';

export function DecisionModal({
  approval,
  approve,
  onClose,
}: {
  approval: Approval;
  approve: boolean;
  onClose: () => void;
}) {
  const { t } = useApprovalsT();
  const [form] = Form.useForm<{ comment: string }>();
  const decide = useDecideApproval();
  return (
    <FormModal<{ comment: string }>
      title={`${approve ? t('approveTitle') : t('rejectTitle')} · ${approval.title}`}
      form={form}
      okText={approve ? t('approve') : t('reject')}
      errorMapping={{ fields: ['comment'] }}
      onCancel={onClose}
      onSubmit={async ({ comment }) => {
        await decide.mutateAsync({ approvalId: approval.id, approve, comment: (comment ?? '').trim() });
        onClose();
      }}
    >
      <Form.Item
        name="comment"
        label={t('comment')}
        rules={approve ? [] : [{ required: true, whitespace: true, message: t('commentRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
