/** The deal credits form's rows and the body `POST /deals/{id}/credits` takes from them. */
import type { DealCreditsChange } from '../api/credits';
import { shareText } from './shares';

export interface CreditRow {
  consultant_id?: string;
  share?: string;
}

export interface CreditsFormValues {
  credits: CreditRow[];
  comment?: string;
}

/** The body from the form's rows (already validated). */
export function creditsBody(values: CreditsFormValues): DealCreditsChange {
  const comment = values.comment?.trim();
  return {
    credits: values.credits.map((row) => ({ consultant_id: row.consultant_id ?? '', share: shareText(row.share) })),
    comment: comment ? comment : null,
  };
}

