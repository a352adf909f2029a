import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '@/components/form-modal';
import { useAddCollectionNote } from '../api/add-collection-note';
import { useDealsT } from '../i18n';

interface Values {
  note: string;
  next_follow_up_on?: Dayjs | null;
}

/** 催款记录 on one overdue line. */
export function CollectionNoteModal({
  projectId,
  dealId,
  lineId,
  code,
  onClose,
  onSaved,
}: {
  projectId: string;
  dealId: string;
  lineId: string | null;
  code: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useDealsT();
  const [form] = Form.useForm<Values>();
  const add = useAddCollectionNote(projectId);
  return (
    <FormModal<Values>
      title={t('receivables.noteTitle', { code })}
      form={form}
      onCancel={onClose}
      errorMapping={{ fields: ['note', 'next_follow_up_on'] }}
      onSubmit={async (values) => {
        await add.mutateAsync({
          dealId,
          body: { note: values.note.trim(), line_id: lineId, next_follow_up_on: values.next_follow_up_on?.format('YYYY-MM-DD') ?? null },
        });
        onSaved();
      }}
    >
      <Form.Item name="note" label={t('receivables.noteText')} rules={[{ required: true, whitespace: true, message: t('receivables.noteText') }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="next_follow_up_on" label={t('receivables.nextFollowUp')} style={{ marginBottom: 0 }}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
