import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert, Box, Button, Center, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useAuthOptions, useLogin, useSession } from '../api/auth.api';
import { LanguageSwitch } from '../../../shared/components/language-switch';
import { LoadingState } from '../../../shared/components/loading-state';
import { usePageTitle } from '../../../shared/hooks/use-page-title';
import { apiUrl } from '../../../shared/api/client';
import type { LoginRedirectState } from './require-auth';

/** Only same-app paths are followed after sign-in (no open redirect). */
function safeReturnPath(from: string | undefined): string {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login')) return '/';
  return from;
}

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const options = useAuthOptions();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [touched, setTouched] = useState(false);
  const returnTo = safeReturnPath((location.state as LoginRedirectState | null)?.from);

  if (session.isPending) return <LoadingState fullPage />;
  if (session.data) return <Navigate to={returnTo} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(true);
    if (!username.trim() || !password) return;
    login.mutate(
      { username: username.trim(), password },
      { onSuccess: () => navigate(returnTo, { replace: true }) },
    );
  };

  return (
    <Box className="login-page">
      <Box component="header" className="login-header">
        <Text component="p" fw={700} size="lg" className="brand">
          {t('app.name')}
        </Text>
        <LanguageSwitch />
      </Box>
      <Center component="main" id="main" tabIndex={-1} className="login-main">
        <Paper withBorder shadow="sm" p="xl" radius="md" className="login-card">
          <Stack gap="md">
            <div>
              <Title order={1} size="h2">
                {t('login.title')}
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                {t('login.lead')}
              </Text>
            </div>
            {login.error && (
              <Alert color="red" variant="light" role="alert" title={t('login.failed')}>
                {login.error.message}
              </Alert>
            )}
            <form onSubmit={onSubmit} noValidate>
              <Stack gap="md">
                <TextInput
                  label={t('login.username')}
                  name="username"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                  value={username}
                  error={touched && !username.trim() ? t('login.usernameRequired') : undefined}
                  onChange={(e) => setUsername(e.currentTarget.value)}
                />
                <PasswordInput
                  label={t('login.password')}
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  error={touched && !password ? t('login.passwordRequired') : undefined}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  visible={showPassword}
                  onVisibilityChange={setShowPassword}
                  visibilityToggleFocusable
                  visibilityToggleButtonProps={{
                    'aria-label': t('login.showCharacters'),
                    'aria-pressed': showPassword,
                  }}
                />
                <Button type="submit" loading={login.isPending} fullWidth>
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
            {options.data?.oidcEnabled && (
              <>
                <Divider label={t('login.or')} labelPosition="center" />
                <Button component="a" href={apiUrl('/auth/oidc/login')} variant="outline" fullWidth>
                  {t('login.sso')}
                </Button>
              </>
            )}
            <Text size="sm" c="dimmed">
              {t('login.help')}
            </Text>
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
