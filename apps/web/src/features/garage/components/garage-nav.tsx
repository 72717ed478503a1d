import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

const TABS = [
  { path: '/garage', key: 'counter' },
  { path: '/garage/records', key: 'records' },
  { path: '/garage/ledger', key: 'ledger' },
  { path: '/garage/detectors', key: 'detectors' },
  { path: '/garage/settings', key: 'settings' },
] as const;

/** The counter's sections as tabs (links), large enough for a tablet. */
export function GarageNav() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const active = TABS.find((tab) => tab.path === location.pathname)?.path ?? '/garage';
  return (
    <Tabs value={active} onChange={(v) => v && navigate(v)} mb="md" className="garage-no-print">
      <Tabs.List aria-label={t('garage.tabs.label')}>
        {TABS.map((tab) => (
          <Tabs.Tab key={tab.path} value={tab.path}>
            {t(`garage.tabs.${tab.key}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
