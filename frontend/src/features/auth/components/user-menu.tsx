import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Typography } from 'antd';
import { useCommonT } from '@/i18n';
import { useMe } from '../api/get-me';
import { useLogout } from '../api/logout';

/** The signed-in user's name with a menu: who and where, and log out. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useCommonT();
  const me = useMe();
  const logout = useLogout();
  const user = me.data?.user;

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <div style={{ maxWidth: 240 }}>
                <Typography.Text strong ellipsis>
                  {user?.full_name}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary" ellipsis>
                  {user?.email}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary" ellipsis>
                  {me.data?.organization.name}
                </Typography.Text>
              </div>
            ),
          },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'logout') logout.mutate();
        },
      }}
    >
      <Button type="text" aria-label={t('header.profile')} style={{ paddingInline: compact ? 4 : 8 }}>
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1668dc' }} />
        {!compact && (
          <Typography.Text ellipsis style={{ maxWidth: 160 }}>
            {user?.full_name}
          </Typography.Text>
        )}
      </Button>
    </Dropdown>
  );
}
