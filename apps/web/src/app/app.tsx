import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { createQueryClient, setSessionExpiredHandler } from '../shared/api/query-client';
import { cssVariablesResolver, theme } from '../shared/theme/theme';
import { sessionQueryKey } from '../features/auth/api/auth.api';
import { createAppRouter } from './router';

const queryClient = createQueryClient();
// Any request answering AUTH_REQUIRED means the session ended: RequireAuth then sends the user to
// /login and brings them back to the same page after they sign in again.
setSessionExpiredHandler(() => queryClient.setQueryData(sessionQueryKey, null));
const router = createAppRouter();

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
