import { Alert, Form, Modal, Skeleton } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { isApiError } from '@/api/client';
import { useCommonT } from '@/i18n';
import { useErrorMessage } from '@/lib/error-message';
import { applyFormErrors, type FormErrorMapping } from '@/lib/form-errors';

export interface FormModalProps<V extends object> {
  title: ReactNode;
  form: FormInstance<V>;
  /** Resolves when saved; an `ApiError` is put on the fields (422 and the mapped codes) or above them. */
  onSubmit: (values: V) => Promise<unknown>;
  onCancel: () => void;
  errorMapping: FormErrorMapping;
  initialValues?: Partial<V>;
  /** Called on a 412: the record changed meanwhile; reload it. */
  onStale?: () => void;
  /** The record being edited is still loading. */
  loading?: boolean;
  /** The edited record's ETag; when it changes (reloaded after a 412) the fields show the new values. */
  version?: string | null;
  okText?: ReactNode;
  children: ReactNode;
}

/**
 * A modal with a vertical form that submits to the API. Mount it only while it is open, so each
 * opening starts from `initialValues`.
 */
export function FormModal<V extends object>({
  title,
  form,
  onSubmit,
  onCancel,
  errorMapping,
  initialValues,
  onStale,
  loading = false,
  version,
  okText,
  children,
}: FormModalProps<V>) {
  const { t } = useCommonT();
  const describe = useErrorMessage();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const shownVersion = useRef(version);

  useEffect(() => {
    if (loading || version === shownVersion.current) return;
    if (shownVersion.current != null && initialValues) {
      form.setFieldsValue(initialValues as Parameters<typeof form.setFieldsValue>[0]);
    }
    shownVersion.current = version;
  }, [form, initialValues, loading, version]);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // the fields show what is wrong
    }
    setSaving(true);
    setProblem(null);
    try {
      await onSubmit(values);
    } catch (error) {
      if (isApiError(error) && error.status === 412) {
        onStale?.();
        setProblem(describe(error));
      } else if (!applyFormErrors(form, error, errorMapping)) {
        setProblem(describe(error));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onCancel}
      onOk={() => void submit()}
      okText={okText ?? t('actions.save')}
      cancelText={t('actions.cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: loading }}
      maskClosable={false}
      width={560}
    >
      {problem !== null && (
        <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} role="alert" />
      )}
      {loading ? (
        <Skeleton active />
      ) : (
        <Form<V>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={() => void submit()}
          scrollToFirstError
        >
          {children}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      )}
    </Modal>
  );
}
