import type { ReplyTemplate } from '../channels.config';

/** `Re: ` once, however many times the subject was replied to already. */
export function replySubject(subject: string | undefined): string {
  const base = (subject ?? '').trim();
  if (base === '') return 'Re: uw bericht aan de gemeente';
  return /^(re|antw|aw)\s*:/i.test(base) ? base : `Re: ${base}`;
}

/**
 * The text of a reply: aanhef, the agent's message, afsluiting, the agent's name, the municipality's signature,
 * then the quoted original (at most 40 lines).
 */
export function composeReply(input: {
  template: ReplyTemplate;
  residentName?: string;
  body: string;
  agentName: string;
  original?: { text: string; at: number; from?: string };
  /** A signed CSAT link for this contact (reports module). */
  ratingLink?: string;
}): string {
  const { template } = input;
  const aanhef =
    input.residentName !== undefined && input.residentName.trim() !== ''
      ? template.aanhef.replace('{naam}', input.residentName.trim())
      : template.aanhef.replace(/\s*\{naam\}/, '');
  const parts = [aanhef, '', input.body.trim(), '', template.afsluiting, input.agentName, template.signature];
  if (input.ratingLink !== undefined) {
    parts.push('', `Hoe tevreden bent u over dit antwoord? Geef een cijfer van 1 tot 5: ${input.ratingLink}`);
  }
  if (input.original && input.original.text.trim() !== '') {
    const when = new Date(input.original.at).toLocaleString('nl-NL', {
      dateStyle: 'long',
      timeStyle: 'short',
    });
    const lines = input.original.text.trim().split(/\r?\n/);
    const quoted = lines.slice(0, 40).map((l) => `> ${l}`);
    if (lines.length > 40) quoted.push('> […]');
    parts.push('', `Op ${when} schreef ${input.original.from ?? 'u'}:`, ...quoted);
  }
  return parts.join('\n');
}
