import { Button, Flex, Typography } from 'antd';
import { useCommonT } from '@/i18n';

/** Under a cursor-paginated table: how many rows are loaded, and a button for the next page. */
export function LoadMore({
  loaded,
  hasMore,
  loading,
  onLoadMore,
}: {
  loaded: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  const { t } = useCommonT();
  return (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{t('table.loaded', { count: loaded })}</Typography.Text>
      {hasMore && (
        <Button onClick={onLoadMore} loading={loading}>
          {t('actions.loadMore')}
        </Button>
      )}
    </Flex>
  );
}
