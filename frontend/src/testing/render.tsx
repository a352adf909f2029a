import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactElement } from 'react';
import '@/i18n';
import { createQueryClient } from '@/lib/query-client';

/** Renders a component as the app would: Chinese, Ant Design's App context, a fresh query cache. */
export function renderWithProviders(ui: ReactElement): RenderResult {
  return render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <QueryClientProvider client={createQueryClient()}>{ui}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>,
  );
}
