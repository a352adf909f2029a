import { Flex, Spin } from 'antd';

/** What shows while a page's code is on its way. The delay keeps a quick load from flashing it. */
export function PageFallback({ fullPage = false }: { fullPage?: boolean }) {
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullPage ? '100vh' : 240 }}>
      <Spin size="large" delay={200} />
    </Flex>
  );
}
