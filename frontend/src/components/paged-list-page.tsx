import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { type ReactNode, useState } from 'react';
import { LoadMore } from './load-more';
import { PageHeader } from './page-header';
import { QueryError } from './query-error';

/** What a cursor-paginated list query gives a page (TanStack's infinite query, rows flattened). */
export interface PagedRows<Row> {
  data?: Row[];
  isPending: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  refetch: () => unknown;
  fetchNextPage: () => unknown;
}

/**
 * An admin list: a header with a create button, the table in a card, "load more" under it, and the
 * create and edit modals. Each feature supplies its query, table and modals.
 */
export function PagedListPage<Row extends { id: string }>({
  title,
  subtitle,
  createLabel,
  query,
  table,
  createModal,
  editModal,
}: {
  title: string;
  subtitle: string;
  createLabel: string;
  query: PagedRows<Row>;
  table: (rows: Row[], loading: boolean, onEdit: (row: Row) => void) => ReactNode;
  createModal: (onClose: () => void) => ReactNode;
  editModal: (id: string, onClose: () => void) => ReactNode;
}) {
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const rows = query.data ?? [];

  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {createLabel}
          </Button>
        }
      />
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>{table(rows, query.isPending, (row) => setEditing(row.id))}</Card>
      <LoadMore
        loaded={rows.length}
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
      {creating && createModal(() => setCreating(false))}
      {editing !== null && editModal(editing, () => setEditing(null))}
    </>
  );
}
