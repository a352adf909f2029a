import { AppShell } from './app-shell';
import { CurrentProjectProvider } from './current-project';

/** Everything a signed-in page stands in: the current project and the shell (menu, header). Loaded
 * on its own, after the login, so the login page does not download the menu and its icons. */
export function SignedInLayout() {
  return (
    <CurrentProjectProvider>
      <AppShell />
    </CurrentProjectProvider>
  );
}
