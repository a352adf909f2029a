import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import type { CustomerFilters, CustomerView } from '@/lib/query-keys';
import { useCustomers } from '../api/get-customers';
import type { ConsultantOption } from '../components/activity-modals';
import { CustomerFiltersBar } from '../components/customer-filters';
import { DuplicateAttempts } from '../components/duplicate-attempts';
import { CustomersTable } from '../components/customers-table';
import { customerPath } from '../components/options';
import { RegisterCustomerModal } from '../components/register-customer-modal';
import { useCustomersT } from '../i18n';

const CONSULTANT_VIEWS: readonly CustomerView[] = ['mine', 'pool', 'all'];
const SUPERVISOR_VIEWS: readonly CustomerView[] = ['all', 'pool'];

export function CustomersPage({
  projectId,
  supervises,
  ownerOptions,
  subtitle,
}: {
  projectId: string;
  /** Supervisors and above: every customer of the project, filter by owner. */
  supervises: boolean;
  ownerOptions?: readonly ConsultantOption[];
  subtitle?: string;
}) {
  const { t } = useCustomersT();
  const navigate = useNavigate();
  const views = supervises ? SUPERVISOR_VIEWS : CONSULTANT_VIEWS;
  const [filters, setFilters] = useState<CustomerFilters>({ view: views[0] });
  const [registering, setRegistering] = useState(false);
  const customers = useCustomers(projectId, filters);
  const rows = customers.data ?? [];

  const list = (
    <>
      <CustomerFiltersBar
        value={filters}
        onChange={setFilters}
        views={views}
        ownerOptions={supervises ? ownerOptions : undefined}
      />
      {customers.isError && <QueryError error={customers.error} onRetry={() => void customers.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <CustomersTable customers={rows} loading={customers.isPending} />
      </Card>
      <LoadMore
        loaded={rows.length}
        hasMore={customers.hasNextPage}
        loading={customers.isFetchingNextPage}
        onLoadMore={() => void customers.fetchNextPage()}
      />
    </>
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={subtitle ?? t('subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            {t('register')}
          </Button>
        }
      />
      {supervises ? (
        <Tabs
          items={[
            { key: 'customers', label: t('tabs.customers'), children: list },
            {
              key: 'duplicates',
              label: t('tabs.duplicates'),
              children: (
                <>
                  <Typography.Paragraph type="secondary">{t('duplicates.help')}</Typography.Paragraph>
                  <DuplicateAttempts projectId={projectId} />
                </>
              ),
            },
          ]}
        />
      ) : (
        list
      )}
      {registering && (
        <RegisterCustomerModal
          projectId={projectId}
          onClose={() => setRegistering(false)}
          onRegistered={(customer) => navigate(customerPath(customer.id))}
        />
      )}
    </>
  );
}
