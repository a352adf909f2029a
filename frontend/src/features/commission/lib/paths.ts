/** Where one statement's page is (the app's router has the same path). */
export function statementPath(statementId: string): string {
  return `/commission/statements/${statementId}`;
}
