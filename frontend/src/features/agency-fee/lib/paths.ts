/** Where a statement's page is (the route in src/app/router.tsx). */
export function statementPath(statementId: string): string {
  return `/agency-fee/statements/${statementId}`;
}

export const STATEMENTS_PATH = '/agency-fee/statements';
