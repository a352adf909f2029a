import { HomeFilled } from '@ant-design/icons';
import { theme } from 'antd';

/** The mark and the name, beside each other; the name hides when `iconOnly`. */
export function Brand({ name, iconOnly = false }: { name: string; iconOnly?: boolean }) {
  const { token } = theme.useToken();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 10, minWidth: 0 }}>
      <span
        aria-hidden
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          width: 32,
          height: 32,
          flexShrink: 0,
          borderRadius: 8,
          background: token.colorPrimary,
          color: '#fff',
          fontSize: 16,
        }}
      >
        <HomeFilled />
      </span>
      {!iconOnly && <span>{name}</span>}
    </span>
  );
}
