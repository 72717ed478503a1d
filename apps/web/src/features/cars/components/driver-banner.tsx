import { Alert, Anchor, List, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DriverEligibilityView } from '@rr/contracts';
import { useDriverMe } from '../api/cars.api';
import { useLang } from '../../../shared/hooks/use-lang';
import { addDays, formatDate, todayInTokyo } from '../../../shared/time/tokyo';

/** The expiry date as text, from the eligibility's day count (the API counts in Tokyo days). */
export function expiryDateText(eligibility: DriverEligibilityView, lang: 'ja' | 'en', expiresOn?: string): string {
  if (expiresOn) return formatDate(expiresOn, lang);
  if (eligibility.daysUntilExpiry === null) return '';
  return formatDate(addDays(todayInTokyo(), eligibility.daysUntilExpiry), lang);
}

/**
 * The signed-in user's own driver status, on every booking screen: a warning when the licence
 * expires within the warning period, and why they cannot drive when they cannot. Not a live region:
 * it is there when the page loads and is read in order with the page.
 */
export function DriverBanner({ withLink = true }: { withLink?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useDriverMe();
  if (!me.data) return null;
  const { eligibility, driver } = me.data;
  const link = withLink ? (
    <Anchor component={Link} to="/cars/driver" fw={600}>
      {t('cars.driverBanner.link')}
    </Anchor>
  ) : null;

  if (!eligibility.eligible) {
    return (
      <Alert color="orange" variant="light" role="note" title={t('cars.driverBanner.ineligibleTitle')}>
        <List size="sm" spacing={2}>
          {eligibility.reasons.map((r) => (
            <List.Item key={r}>{t(`cars.reasons.${r}`)}</List.Item>
          ))}
        </List>
        <Text size="sm" mt={4}>
          {t('cars.driverBanner.ineligibleHelp')}
        </Text>
        {link && (
          <Text size="sm" mt={4}>
            {link}
          </Text>
        )}
      </Alert>
    );
  }
  if (eligibility.warning === 'licence_expiring') {
    return (
      <Alert color="yellow" variant="light" role="note" title={t('cars.driverBanner.expiringTitle')}>
        <Text size="sm">
          {t('cars.driverBanner.expiring', {
            days: eligibility.daysUntilExpiry ?? 0,
            date: expiryDateText(eligibility, lang, driver?.licenceExpiresOn),
          })}
        </Text>
        {link && (
          <Text size="sm" mt={4}>
            {link}
          </Text>
        )}
      </Alert>
    );
  }
  return null;
}
