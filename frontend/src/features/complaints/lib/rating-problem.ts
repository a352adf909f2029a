import { isApiError } from '@/api/client';

export type RatingProblem = 'used' | 'expired' | 'notFound' | 'throttled' | 'failed';

/** Which plain sentence an error of the rating endpoints deserves. */
export function ratingProblem(error: unknown): RatingProblem {
  if (!isApiError(error)) return 'failed';
  if (error.code === 'rating_link_used' || error.status === 409) return 'used';
  if (error.code === 'rating_link_expired' || error.status === 410) return 'expired';
  if (error.code === 'rating_link_not_found' || error.status === 404 || error.status === 422) return 'notFound';
  if (error.status === 429) return 'throttled';
  return 'failed';
}

