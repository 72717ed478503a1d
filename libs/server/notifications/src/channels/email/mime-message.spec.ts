import { buildMimeMessage } from './mime-message';

const base = {
  from: { name: '庁内リソース予約', address: 'no-reply@city.example.jp' },
  to: { name: '試験 太郎', address: 'taro@city.example.jp' },
  subject: '【庁内リソース予約】公用車の鍵を返却してください',
  text: '試験 太郎 様\n\n本文です。\nhttps://rr.city.example.jp/cars',
  html: '<p>本文です。</p>',
  messageId: '<0b9e6c2e-1111-4222-8333-944445555666.email@city.example.jp>',
  date: new Date('2026-11-22T04:33:12Z'),
  headers: { 'X-RR-Notification-Id': '0b9e6c2e-1111-4222-8333-944445555666' },
  boundaryKey: '0b9e6c2e-1111-4222-8333-944445555666',
};

function parts(raw: string): { headers: string; parts: Array<{ type: string; body: string }> } {
  const [headers, ...rest] = raw.split('\r\n\r\n');
  const boundary = /boundary="([^"]+)"/.exec(headers)![1];
  const body = rest.join('\r\n\r\n');
  return {
    headers,
    parts: body
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((p) => {
        const [h, b] = p.replace(/^\r\n/, '').split('\r\n\r\n');
        return { type: /Content-Type: ([^;\r\n]+)/.exec(h)![1], body: Buffer.from(b.replace(/\r\n/g, ''), 'base64').toString('utf8') };
      }),
  };
}

describe(buildMimeMessage.name, () => {
  it('should carry the plain text and the HTML as UTF-8 alternatives that decode to the input', () => {
    const { parts: p } = parts(buildMimeMessage(base).toString('utf8'));
    expect(p).toEqual([
      { type: 'text/plain', body: base.text },
      { type: 'text/html', body: base.html },
    ]);
  });

  it('should encode Japanese header words, folded within 78 characters a line', () => {
    const raw = buildMimeMessage({ ...base, subject: base.subject.repeat(3) }).toString('utf8');
    const { headers } = parts(raw);
    expect(headers).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(headers).toMatch(/^To: =\?UTF-8\?B\?[^?]+\?= <taro@city\.example\.jp>$/m);
    expect(headers).toContain(`Message-ID: ${base.messageId}`);
    expect(headers).toContain('Date: Sun, 22 Nov 2026 04:33:12 +0000');
    const subject = /^Subject: .*(\r\n[ \t].*)*/m.exec(headers)![0];
    expect(subject.split('\r\n').length).toBeGreaterThan(1);
    for (const line of subject.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    const words = [...headers.matchAll(/=\?UTF-8\?B\?([^?]+)\?=/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'));
    expect(words.join('')).toContain(base.subject.repeat(3).slice(0, 20));
  });

  it('should refuse an address that could inject headers', () => {
    expect(() => buildMimeMessage({ ...base, to: { name: 'x', address: 'a@b.jp\r\nBcc: c@d.jp' } })).toThrow(/invalid e-mail address/);
  });

  it('should quote a plain ASCII display name', () => {
    const raw = buildMimeMessage({ ...base, to: { name: 'Taro "T" Shiken', address: 'taro@city.example.jp' } }).toString('utf8');
    expect(raw).toContain('To: "Taro \\"T\\" Shiken" <taro@city.example.jp>');
  });
});
