import { useComplaintsT } from '../i18n';

/** "Level 2 · Site manager". */
export function useLevelText(): (level: number) => string {
  const { t } = useComplaintsT();
  return (level) => {
    const key = String(level) as '1' | '2' | '3' | '4';
    return t('levelOf', { level, role: t(`levels.${key}`) });
  };
}
