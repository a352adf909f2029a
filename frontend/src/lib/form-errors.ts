import type { FormInstance } from 'antd';
import { isApiError } from '@/api/client';

export interface FormErrorMapping {
  /** Names of the form's fields; a server error on any other field stays unplaced. */
  fields: readonly string[];
  /** Error codes that belong to one field, e.g. `{ email_taken: 'email' }` for a 409. */
  codes?: Readonly<Record<string, string>>;
}

/**
 * Puts the server's verdict on the form's fields: a 422's `errors[]` (field names as the API
 * sends them, nested ones dotted) and the codes listed in `codes`. Returns whether every part of
 * the error found a field; if not, the caller shows the rest above the form (never as a toast).
 */
export function applyFormErrors(form: FormInstance, error: unknown, mapping: FormErrorMapping): boolean {
  if (!isApiError(error)) return false;
  const known = new Set(mapping.fields);
  const byField = new Map<string, string[]>();
  let unplaced = 0;
  for (const { field, message } of error.fieldErrors) {
    const name = field.split('.')[0] ?? field;
    if (known.has(name)) byField.set(name, [...(byField.get(name) ?? []), message]);
    else unplaced += 1;
  }
  const codeField = mapping.codes?.[error.code];
  if (codeField !== undefined && known.has(codeField)) {
    byField.set(codeField, [...(byField.get(codeField) ?? []), error.detail ?? error.title]);
  } else if (error.fieldErrors.length === 0) {
    unplaced += 1;
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0 && unplaced === 0;
}
