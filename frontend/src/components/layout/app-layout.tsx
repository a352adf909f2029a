import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Layout, Menu, theme } from 'antd';
import type { MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { NARROW_SCREEN, useMediaQuery } from '@/lib/use-media-query';
import './app-layout.css';

export interface AppLayoutProps {
  brand: ReactNode;
  /** The brand where space is short (phone header). */
  compactBrand: ReactNode;
  menuItems: MenuProps['items'];
  selectedKey: string | undefined;
  onNavigate: (key: string) => void;
  /** Left of the header, after the brand on phones: the project switcher. */
  headerStart?: (narrow: boolean) => ReactNode;
  /** Right of the header: language, user. Receives whether the screen is narrow. */
  headerEnd: (narrow: boolean) => ReactNode;
  menuLabel: string;
  children: ReactNode;
}

/** The signed-in frame: side menu (a drawer on narrow screens), header, content. */
export function AppLayout({
  brand,
  compactBrand,
  menuItems,
  selectedKey,
  onNavigate,
  headerStart,
  headerEnd,
  menuLabel,
  children,
}: AppLayoutProps) {
  const narrow = useMediaQuery(NARROW_SCREEN);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  const menu = (
    <Menu
      mode="inline"
      items={menuItems}
      selectedKeys={selectedKey ? [selectedKey] : []}
      defaultOpenKeys={['admin']}
      onClick={({ key }) => {
        setDrawerOpen(false);
        onNavigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout className="app-layout">
      {!narrow && (
        <Layout.Sider
          theme="light"
          width={216}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          className="app-layout__sider"
          style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
        >
          <div className="app-layout__brand">{brand}</div>
          <nav aria-label={menuLabel}>{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          className="app-layout__header"
          style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}
        >
          <Flex align="center" gap={narrow ? 8 : 16} style={{ minWidth: 0, flex: 1 }}>
            {narrow && (
              <>
                <Button
                  type="text"
                  icon={<MenuOutlined />}
                  aria-label={menuLabel}
                  onClick={() => setDrawerOpen(true)}
                />
                <div className="app-layout__brand app-layout__brand--inline">{compactBrand}</div>
              </>
            )}
            {headerStart?.(narrow)}
          </Flex>
          <Flex align="center" gap={narrow ? 8 : 16} style={{ flexShrink: 0 }}>
            {headerEnd(narrow)}
          </Flex>
        </Layout.Header>
        <Layout.Content className="app-layout__content">{children}</Layout.Content>
      </Layout>
      {narrow && (
        <Drawer
          placement="left"
          width={260}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={brand}
          styles={{ body: { padding: 0 } }}
        >
          <nav aria-label={menuLabel}>{menu}</nav>
        </Drawer>
      )}
    </Layout>
  );
}
