import { useCommissionT } from '../i18n';

const GRADES = ['trainee', 'junior', 'mid', 'senior'] as const;

/** A grade as people say it; none (or one this screen does not know) reads as "no grade". */
export function useGradeText(): (grade: string | null) => string {
  const { t } = useCommissionT();
  return (grade) => {
    const known = GRADES.find((g) => g === grade);
    return known ? t(`grades.${known}`) : t('grades.none');
  };
}
