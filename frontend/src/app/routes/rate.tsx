/**
 * The customer's rating page (评价), outside the sign-in: they open it from the link staff sent them.
 * A module of its own so the page loads neither the menu nor any signed-in page's code.
 */
import { useParams } from 'react-router-dom';
import { RatePage } from '@/features/complaints/pages/rate-page';

export function RateRoute() {
  const { token = '' } = useParams();
  return <RatePage token={token} />;
}
