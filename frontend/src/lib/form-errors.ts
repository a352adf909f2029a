import type { FormInstance } from 'antd';
import { isApiError } from '@/api/client';

export interface FormErrorMapping {
  /** Names of the form's fields; a server error on any other field stays unplaced. */
  fields: readonly string[];
  /** Error codes that belong to one field, e.g. `{ email_taken: 'email' }` for a 409. */
  codes?: Readonly<Record<string, string>>;
  /**
   * Fields that are lists of rows (`Form.List`): an error on `tiers.1.from_percent` lands on that
   * row's input (`['tiers', 1, 'from_percent']`) rather than on the list as a whole.
   */
  lists?: readonly string[];
  /**
   * Fields that are objects of inputs (`rates.trainee`): an error on `rates.mid` lands on that input
   * (`['rates', 'mid']`) rather than on the object as a whole.
   */
  groups?: readonly string[];
  /** Server fields one form input stands for, e.g. `{ period_start: 'period' }` for a range picker. */
  aliases?: Readonly<Record<string, string>>;
}

type FieldPath = (string | number)[];

/** Where a server field name goes on the form, or null when the form has no such field. */
function fieldPath(field: string, mapping: FormErrorMapping, known: ReadonlySet<string>): FieldPath | null {
  const parts = field.split('.');
  const top = mapping.aliases?.[parts[0] ?? field] ?? parts[0] ?? field;
  if (!known.has(top)) return null;
  if (mapping.lists?.includes(top) && parts.length > 2 && /^\d+$/.test(parts[1] ?? '')) {
    return [top, Number(parts[1]), ...parts.slice(2)];
  }
  if (mapping.groups?.includes(top) && parts.length === 2) return [top, parts[1] as string];
  return [top];
}

/**
 * Puts the server's verdict on the form's fields: a 422's `errors[]` (field names as the API
 * sends them, nested ones dotted) and the codes listed in `codes`. Returns whether every part of
 * the error found a field; if not, the caller shows the rest above the form (never as a toast).
 */
export function applyFormErrors(form: FormInstance, error: unknown, mapping: FormErrorMapping): boolean {
  if (!isApiError(error)) return false;
  const known = new Set(mapping.fields);
  // Keyed by the path as JSON: two errors on one input show together.
  const byField = new Map<string, string[]>();
  const add = (path: FieldPath, message: string) => {
    const key = JSON.stringify(path);
    byField.set(key, [...(byField.get(key) ?? []), message]);
  };
  let unplaced = 0;
  for (const { field, message } of error.fieldErrors) {
    const path = fieldPath(field, mapping, known);
    if (path !== null) add(path, message);
    else unplaced += 1;
  }
  const codeField = mapping.codes?.[error.code];
  if (codeField !== undefined && known.has(codeField)) {
    add([codeField], error.detail ?? error.title);
  } else if (error.fieldErrors.length === 0) {
    unplaced += 1;
  }
  form.setFields(
    [...byField].map(([key, errors]) => {
      const path = JSON.parse(key) as FieldPath;
      return { name: path.length === 1 ? (path[0] as string) : path, errors };
    }),
  );
  return byField.size > 0 && unplaced === 0;
}
