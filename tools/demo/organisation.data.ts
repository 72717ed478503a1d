/**
 * Demo organisation, taken from the member list of the city's 2025 reform report
 * (shared/seeds/000_…txt: プラチナメンバー and 制度所管課). Codes are ours.
 */
export interface DemoDepartment {
  code: string;
  name: string;
  kind: 'kyoku' | 'ku' | 'iinkai' | 'other';
  sections: Array<{ code: string; name: string }>;
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { code: 'mayor', name: '市長公室', kind: 'kyoku', sections: [{ code: 'mayor-secretary', name: '秘書課' }, { code: 'mayor-pr', name: '広報戦略課' }] },
  { code: 'crisis', name: '危機管理室', kind: 'kyoku', sections: [{ code: 'crisis-mgmt', name: '危機管理課' }] },
  { code: 'engineering', name: '技術監理局', kind: 'kyoku', sections: [{ code: 'eng-contract', name: '契約制度課' }] },
  { code: 'digital', name: 'デジタル市役所推進室', kind: 'kyoku', sections: [{ code: 'digital-dx', name: 'DX推進課' }] },
  {
    code: 'general',
    name: '総務市民局',
    kind: 'kyoku',
    sections: [
      { code: 'general-affairs', name: '総務課' },
      { code: 'general-legal', name: '法制課' },
      { code: 'general-hr', name: '人事課' },
      { code: 'general-pay', name: '給与課' },
      { code: 'general-wards', name: '区政推進課' },
      { code: 'general-hearing', name: '広聴課' },
      { code: 'general-women', name: '女性の輝く社会推進室' },
    ],
  },
  { code: 'finance', name: '財政・変革局', kind: 'kyoku', sections: [{ code: 'finance-budget', name: '財政課' }, { code: 'finance-reform', name: '市政変革推進室' }] },
  { code: 'policy', name: '政策局', kind: 'kyoku', sections: [{ code: 'policy-coord', name: '政策調整課' }] },
  { code: 'strategy', name: '都市戦略局', kind: 'kyoku', sections: [{ code: 'strategy-plan', name: '都市戦略課' }] },
  { code: 'brand', name: '都市ブランド創造局', kind: 'kyoku', sections: [{ code: 'brand-promo', name: 'シティプロモーション課' }] },
  {
    code: 'env',
    name: '環境局',
    kind: 'kyoku',
    sections: [
      { code: 'env-learning', name: '環境学習課' },
      { code: 'env-green', name: 'グリーン成長推進課' },
      { code: 'env-renewable', name: '再生可能エネルギー導入推進課' },
    ],
  },
  { code: 'health', name: '保健福祉局', kind: 'kyoku', sections: [{ code: 'health-general', name: '総務課' }] },
  { code: 'children', name: '子ども家庭局', kind: 'kyoku', sections: [{ code: 'children-general', name: '総務企画課' }] },
  { code: 'industry', name: '産業経済局', kind: 'kyoku', sections: [{ code: 'industry-general', name: '総務課' }] },
  { code: 'urban', name: '都市整備局', kind: 'kyoku', sections: [{ code: 'urban-general', name: '総務課' }] },
  { code: 'port', name: '港湾空港局', kind: 'kyoku', sections: [{ code: 'port-general', name: '総務課' }] },
  { code: 'water', name: '上下水道局', kind: 'kyoku', sections: [{ code: 'water-general', name: '総務課' }] },
  { code: 'transport', name: '交通局', kind: 'kyoku', sections: [{ code: 'transport-general', name: '総務経営課' }] },
  { code: 'racing', name: '公営競技局', kind: 'kyoku', sections: [{ code: 'racing-general', name: '総務課' }] },
  { code: 'fire', name: '消防局', kind: 'kyoku', sections: [{ code: 'fire-ems', name: '救急課' }] },
  { code: 'accounting', name: '会計室', kind: 'other', sections: [{ code: 'accounting-office', name: '会計課' }] },
  { code: 'assembly', name: '市議会事務局', kind: 'other', sections: [{ code: 'assembly-general', name: '総務課' }, { code: 'assembly-research', name: '政策調査課' }] },
  { code: 'commissions', name: '行政委員会事務局', kind: 'iinkai', sections: [{ code: 'commissions-election', name: '選挙課' }] },
  { code: 'education', name: '教育委員会', kind: 'iinkai', sections: [{ code: 'education-general', name: '総務課' }] },
  { code: 'ward-moji', name: '門司区役所', kind: 'ku', sections: [{ code: 'moji-general', name: '総務企画課' }] },
  { code: 'ward-kokurakita', name: '小倉北区役所', kind: 'ku', sections: [{ code: 'kokurakita-general', name: '総務企画課' }] },
  { code: 'ward-kokuraminami', name: '小倉南区役所', kind: 'ku', sections: [{ code: 'kokuraminami-general', name: '総務企画課' }] },
  { code: 'ward-wakamatsu', name: '若松区役所', kind: 'ku', sections: [{ code: 'wakamatsu-general', name: '総務企画課' }] },
  { code: 'ward-yahatahigashi', name: '八幡東区役所', kind: 'ku', sections: [{ code: 'yahatahigashi-general', name: '総務企画課' }] },
  { code: 'ward-yahatanishi', name: '八幡西区役所', kind: 'ku', sections: [{ code: 'yahatanishi-general', name: '総務企画課' }] },
  { code: 'ward-tobata', name: '戸畑区役所', kind: 'ku', sections: [{ code: 'tobata-general', name: '総務企画課' }] },
];

export interface DemoUser {
  username: string;
  displayName: string;
  nameKana: string;
  section: string;
  roles: Array<'staff' | 'section_chief' | 'garage_admin' | 'general_affairs' | 'sysadmin' | 'building_operator'>;
  locale?: 'ja' | 'en';
}

/** Demo-only password for every demo account (documented in the README; never in production). */
export const DEMO_PASSWORD = 'demo-pass';

const GIVEN = ['翔太', '美咲', '大輔', '陽子', '健一', '由美', '拓也', '彩', '誠', '恵'];
const GIVEN_KANA = ['しょうた', 'みさき', 'だいすけ', 'ようこ', 'けんいち', 'ゆみ', 'たくや', 'あや', 'まこと', 'めぐみ'];
/** Surnames of the report's members, with readings. */
const SURNAMES: Array<[string, string]> = [
  ['白川', 'しらかわ'], ['道下', 'みちした'], ['藤津', 'ふじつ'], ['世良', 'せら'], ['梅林', 'うめばやし'],
  ['山田', 'やまだ'], ['青野', 'あおの'], ['篠田', 'しのだ'], ['碓木', 'うすき'], ['時川', 'ときかわ'],
  ['坂口', 'さかぐち'], ['崎山', 'さきやま'], ['山尾', 'やまお'], ['原', 'はら'], ['川野', 'かわの'],
  ['諫山', 'いさやま'], ['小森', 'こもり'], ['岩田', 'いわた'], ['林', 'はやし'], ['刈間', 'かりま'],
  ['森永', 'もりなが'], ['諸隈', 'もろくま'], ['岩三', 'いわみ'], ['平野', 'ひらの'], ['吉田', 'よしだ'],
  ['富永', 'とみなが'], ['角', 'すみ'], ['緒方', 'おがた'], ['酒井', 'さかい'], ['中村', 'なかむら'],
];

function person(i: number): { displayName: string; nameKana: string } {
  const [s, sk] = SURNAMES[i % SURNAMES.length];
  return { displayName: `${s} ${GIVEN[i % GIVEN.length]}`, nameKana: `${sk} ${GIVEN_KANA[i % GIVEN_KANA.length]}` };
}

/** The five documented accounts, then staff spread over sections: 40 users in all. */
export const DEMO_USERS: DemoUser[] = (() => {
  const named: DemoUser[] = [
    { username: 'staff1', ...person(0), section: 'env-learning', roles: ['staff'] },
    { username: 'chief1', ...person(1), section: 'env-learning', roles: ['staff', 'section_chief'] },
    { username: 'garage1', ...person(2), section: 'general-affairs', roles: ['staff', 'garage_admin'] },
    { username: 'ga1', ...person(3), section: 'general-affairs', roles: ['staff', 'general_affairs'] },
    { username: 'admin1', ...person(4), section: 'digital-dx', roles: ['staff', 'sysadmin'] },
    { username: 'chief2', ...person(5), section: 'general-affairs', roles: ['staff', 'section_chief'] },
    { username: 'garage2', ...person(6), section: 'general-affairs', roles: ['staff', 'garage_admin'] },
    { username: 'ga2', ...person(7), section: 'general-affairs', roles: ['staff', 'general_affairs'] },
    { username: 'subchief1', ...person(8), section: 'env-learning', roles: ['staff'] },
    { username: 'staff-en', ...person(9), section: 'digital-dx', roles: ['staff'], locale: 'en' },
  ];
  const sections = DEMO_DEPARTMENTS.flatMap((d) => d.sections.map((s) => s.code));
  const rest: DemoUser[] = [];
  for (let i = 2; rest.length < 30; i++) {
    rest.push({ username: `staff${i}`, ...person(i + 8), section: sections[(i * 7) % sections.length], roles: ['staff'] });
  }
  // Appended last so the index-based employee numbers of existing demo users never shift. The
  // building operator receives the after-hours AC operating instructions (運転指示).
  const operator: DemoUser = { username: 'operator1', displayName: '設備 運転', nameKana: 'せつび うんてん', section: 'general-affairs', roles: ['staff', 'building_operator'] };
  return [...named, ...rest, operator];
})();
