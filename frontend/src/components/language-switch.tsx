import { Segmented } from 'antd';
import { changeLanguage, useCommonT, type Language } from '@/i18n';

const LABELS: Record<Language, { full: string; short: string }> = {
  'zh-CN': { full: '中文', short: '中' },
  'en-US': { full: 'English', short: 'EN' },
};

/** 中文 / English; the choice is remembered in this browser. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, language } = useCommonT();
  return (
    <Segmented<Language>
      size={compact ? 'small' : 'middle'}
      aria-label={t('header.language')}
      value={language}
      onChange={(value) => void changeLanguage(value)}
      options={(Object.keys(LABELS) as Language[]).map((value) => ({
        value,
        label: compact ? LABELS[value].short : LABELS[value].full,
        title: LABELS[value].full,
      }))}
    />
  );
}
