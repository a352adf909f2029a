import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Input, Row, Select, Skeleton, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import { usePriceListItems, usePriceLists, type PriceListVersion } from '../api/get-price-lists';
import { PriceAdjustmentModal } from '../components/price-adjustment-modal';
import { compareVersions, type CompareRow } from '../lib/compare-versions';
import { compareMoney, isZero, subtractMoney } from '@/lib/money';
import { formatYuan } from '../lib/money';
import { useInventoryT } from '../i18n';

const STATUS_TAG: Record<PriceListVersion['status'], string> = {
  pending: 'gold',
  active: 'green',
  superseded: 'default',
  rejected: 'red',
};

function describeAdjustment(version: PriceListVersion, t: ReturnType<typeof useInventoryT>['t']): string {
  const adjustment = version.adjustment as { kind?: string; value?: string } | null;
  if (!adjustment?.kind) return t('prices.noAdjustment');
  return adjustment.kind === 'percent' ? `${adjustment.value}%` : `${formatYuan(adjustment.value)} 元`;
}

function VersionCard({ version, selected }: { version: PriceListVersion; selected: boolean }) {
  const { t } = useInventoryT();
  return (
    <Card
      size="small"
      style={{ height: '100%', borderColor: selected ? '#1677ff' : undefined }}
      title={
        <Space>
          {t('prices.version', { number: version.number })}
          <Tag color={STATUS_TAG[version.status]}>{t(`prices.statuses.${version.status}`)}</Tag>
        </Space>
      }
      data-testid={`price-version-${version.number}`}
    >
      <Typography.Paragraph ellipsis={{ rows: 1 }} type="secondary" style={{ marginBottom: 8 }}>
        {version.description ?? '—'}
      </Typography.Paragraph>
      <Row gutter={8}>
        <Col span={12}>
          <Statistic title={t('prices.units')} value={version.unit_count} valueStyle={{ fontSize: 18 }} />
        </Col>
        <Col span={12}>
          <Statistic title={t('prices.adjustment')} value={describeAdjustment(version, t)} valueStyle={{ fontSize: 18 }} />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('prices.total')}: {formatYuan(version.total_list_price)}
        <br />
        {t('prices.activatedAt')}: {formatDateTime(version.activated_at)}
        {version.below_floor_count ? (
          <>
            <br />
            <Typography.Text type="danger">
              {t('prices.belowFloor')}: {version.below_floor_count}
            </Typography.Text>
          </>
        ) : null}
      </Typography.Text>
    </Card>
  );
}

export function PriceListsPage({ projectId, projectName }: { projectId: string; projectName: string }) {
  const { t } = useInventoryT();
  const versions = usePriceLists(projectId);
  const list = useMemo(() => versions.data ?? [], [versions.data]);
  const [leftId, setLeftId] = useState<string | null>(null);
  const [rightId, setRightId] = useState<string | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const [changedOnly, setChangedOnly] = useState(true);
  const [search, setSearch] = useState('');

  const newest = list[list.length - 1];
  const active = list.find((v) => v.status === 'active');
  const right = list.find((v) => v.id === rightId) ?? newest;
  const left = list.find((v) => v.id === leftId) ?? (right && right.id !== active?.id ? active : list[list.length - 2]) ?? right;
  const leftItems = usePriceListItems(left?.id ?? null);
  const rightItems = usePriceListItems(right?.id ?? null);
  const rows = useMemo(
    () => compareVersions(leftItems.data ?? [], right?.id === left?.id ? (leftItems.data ?? []) : (rightItems.data ?? [])),
    [leftItems.data, rightItems.data, left?.id, right?.id],
  );
  const sameVersion = left?.id === right?.id;
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return rows.filter(
      (row) => (sameVersion || !changedOnly || row.left !== row.right) && (q === '' || row.code.toLowerCase().includes(q)),
    );
  }, [rows, sameVersion, changedOnly, search]);
  const unitOptions = useMemo(
    () => (active ? rows.map((row) => ({ value: row.unitId, label: row.code })) : []),
    [rows, active],
  );
  const options = list.map((v) => ({ value: v.id, label: `${t('prices.version', { number: v.number })} · ${t(`prices.statuses.${v.status}`)}` }));

  return (
    <>
      <PageHeader
        title={t('prices.title')}
        subtitle={`${projectName} · ${t('prices.subtitle')}`}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdjusting(true)} disabled={!active}>
            {t('prices.adjust')}
          </Button>
        }
      />
      {versions.isError && <QueryError error={versions.error} onRetry={() => void versions.refetch()} />}
      {versions.isPending ? (
        <Skeleton active />
      ) : list.length === 0 ? (
        <Card>
          <Empty />
        </Card>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <div style={{ overflowX: 'auto' }}>
            <Flex gap={12} style={{ minWidth: 'min-content' }}>
              {[...list].reverse().map((version) => (
                <div key={version.id} style={{ width: 280, flex: 'none' }}>
                  <VersionCard version={version} selected={version.id === left?.id || version.id === right?.id} />
                </div>
              ))}
            </Flex>
          </div>
          <Card
            title={t('prices.compare')}
            extra={
              <Flex gap={8} wrap>
                <Select aria-label={t('prices.left')} style={{ width: 190 }} value={left?.id} options={options} onChange={setLeftId} />
                <span style={{ alignSelf: 'center' }}>→</span>
                <Select aria-label={t('prices.right')} style={{ width: 190 }} value={right?.id} options={options} onChange={setRightId} />
              </Flex>
            }
            styles={{ body: { padding: 0 } }}
          >
            {list.length === 1 && <Alert type="info" showIcon message={t('prices.onlyOne')} style={{ margin: 12 }} />}
            <Flex gap={12} wrap align="center" style={{ padding: '12px 16px' }}>
              <Input.Search
                allowClear
                aria-label={t('prices.code')}
                placeholder={t('prices.unitsPlaceholder')}
                style={{ width: 220 }}
                onSearch={setSearch}
                onChange={(event) => setSearch(event.target.value)}
              />
              {!sameVersion && (
                <Space>
                  <Switch checked={changedOnly} onChange={setChangedOnly} aria-label={t('prices.changedOnly')} />
                  <span>{t('prices.changedOnly')}</span>
                  <Typography.Text type="secondary">{t('prices.changedCount', { count: rows.filter((r) => r.left !== r.right).length })}</Typography.Text>
                </Space>
              )}
            </Flex>
            <Table<CompareRow>
              size="small"
              rowKey="unitId"
              loading={leftItems.isPending || rightItems.isPending}
              dataSource={shown}
              pagination={{ pageSize: 50, showSizeChanger: false }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('prices.code'), dataIndex: 'code', fixed: 'left' },
                { title: left ? t('prices.version', { number: left.number }) : '', dataIndex: 'left', align: 'right', render: formatYuan },
                { title: right ? t('prices.version', { number: right.number }) : '', dataIndex: 'right', align: 'right', render: formatYuan },
                {
                  title: t('prices.diff'),
                  key: 'diff',
                  align: 'right',
                  render: (_: unknown, row) => {
                    if (row.left === null || row.right === null) return '—';
                    // Exact, in fen; only the percentage (a display figure) goes through a float.
                    const diff = subtractMoney(row.right, row.left);
                    const sign = compareMoney(row.right, row.left);
                    if (sign === 0) return <Typography.Text type="secondary">0.00</Typography.Text>;
                    const pct = isZero(row.left) ? '' : ` (${((Number(diff) / Number(row.left)) * 100).toFixed(2)}%)`;
                    return (
                      <Typography.Text type={sign > 0 ? 'danger' : 'success'}>
                        {sign > 0 ? '+' : ''}
                        {formatYuan(diff)}
                        {pct}
                      </Typography.Text>
                    );
                  },
                },
              ]}
            />
          </Card>
        </Space>
      )}
      {adjusting && <PriceAdjustmentModal projectId={projectId} unitOptions={unitOptions} onClose={() => setAdjusting(false)} />}
    </>
  );
}
