/**
 * i18next setup: Chinese by default, English on request, the choice kept in localStorage.
 * Each feature declares its own namespace with `defineTranslations` (Chinese is the source; the
 * English object must have the same keys, checked by the compiler) and gets a typed `t`.
 */
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { commonEnUS } from './common-en-us';
import { commonZhCN } from './common-zh-cn';
import type { KeyOf, TranslationOf } from './types';

export type { KeyOf, TranslationOf } from './types';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'anchang.lang';

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

void i18n.use(initReactI18next).init({
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  defaultNS: 'common',
  ns: ['common'],
  resources: { 'zh-CN': { common: commonZhCN }, 'en-US': { common: commonEnUS } },
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

if (typeof document !== 'undefined') document.documentElement.lang = storedLanguage();

export async function changeLanguage(language: Language): Promise<void> {
  window.localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

export function currentLanguage(language: string = i18n.language): Language {
  return isLanguage(language) ? language : 'zh-CN';
}

type Options = Record<string, unknown>;

/** Registers a namespace and returns its hook: `const { t } = useUsersT(); t('form.email')`. */
export function defineTranslations<T extends object>(namespace: string, zhCN: T, enUS: TranslationOf<T>) {
  i18n.addResourceBundle('zh-CN', namespace, zhCN, true, true);
  i18n.addResourceBundle('en-US', namespace, enUS, true, true);
  return function useNamespace() {
    const { t } = useTranslation(namespace);
    return { t: t as unknown as (key: KeyOf<T>, options?: Options) => string };
  };
}

type Common = typeof commonZhCN;

/** The shared strings (menu, actions, roles, errors). */
export function useCommonT() {
  const { t, i18n: instance } = useTranslation('common');
  return {
    t: t as unknown as (key: KeyOf<Common>, options?: Options) => string,
    language: currentLanguage(instance.language),
  };
}

export { i18n };
