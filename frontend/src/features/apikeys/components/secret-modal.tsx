import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Space } from 'antd';
import type { ApiKeyCreated } from '../api/api-keys';
import { useApiKeysT } from '../i18n';

/** The new key's secret, shown this once (only its digest is kept), with a copy button. */
export function SecretModal({ created, onClose }: { created: ApiKeyCreated; onClose: () => void }) {
  const { t } = useApiKeysT();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      void message.success(t('secret.copied'));
    } catch {
      // No clipboard (an insecure origin, a denied permission): the field stays selectable.
    }
  };
  return (
    <Modal
      open
      title={t('secret.title')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="api-key-secret-done">
          {t('secret.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('secret.warning')} style={{ marginBottom: 12 }} />
      <Space.Compact style={{ width: '100%' }}>
        <Input
          readOnly
          value={created.secret}
          data-testid="api-key-secret"
          onFocus={(event) => event.target.select()}
        />
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="api-key-copy">
          {t('secret.copy')}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
