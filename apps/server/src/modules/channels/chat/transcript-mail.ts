import type { ChatTranscriptLine } from '@kcc/contracts/channels';

/**
 * Mail clients turn anything that looks like a link into a clickable one. A transcript holds the resident's own
 * text and goes out from the municipality's address, so their links are broken up ("defanged") to stay plain text:
 * `https://evil.example/x` becomes `https[:]//evil[.]example/x`. Dots before a letter run of two or more (a domain
 * label) are bracketed; numbers (1.000) and abbreviations (o.a.) stay as they are.
 */
export function defang(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, '$1[:]//')
    .replace(/([\p{L}\p{N}_-])\.(?=\p{L}{2,})/gu, '$1[.]')
    .replace(/@(?=[\p{L}\p{N}])/gu, '[at]');
}

export interface TranscriptMail {
  subject: string;
  text: string;
}

/** The plain-text transcript mail; only the resident's lines are defanged (the agent's links are the municipality's). */
export function transcriptMail(
  lines: ChatTranscriptLine[],
  createdAt: number,
  signature: string,
): TranscriptMail {
  const body = lines.map((l) => {
    const time = new Date(l.at).toLocaleTimeString('nl-NL', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Amsterdam',
    });
    const who = l.from === 'medewerker' ? (l.name ?? 'Medewerker') : (l.name ?? 'U');
    const text = l.from === 'inwoner' ? defang(l.text) : l.text;
    return `[${time}] ${who}: ${text}`;
  });
  const date = new Date(createdAt).toLocaleDateString('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  });
  return {
    subject: `Uw chatgesprek van ${date}`,
    text: [
      `Hierbij het verslag van uw chatgesprek met de gemeente op ${date}.`,
      '',
      ...body,
      '',
      signature,
    ].join('\n'),
  };
}
