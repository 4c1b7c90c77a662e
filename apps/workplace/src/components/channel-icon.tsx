import { CHANNEL_LABELS, type Channel } from '@kcc/contracts/domain';

/** 20×20 outline icons, drawn here so no icon font or CDN is needed (CSP `default-src 'self'`). */
const PATHS: Record<Channel, string> = {
  telefoon:
    'M3 4.5A1.5 1.5 0 0 1 4.5 3h2.1a1 1 0 0 1 .97.76l.7 2.8a1 1 0 0 1-.29.98L6.6 8.8a11 11 0 0 0 4.6 4.6l1.26-1.38a1 1 0 0 1 .98-.29l2.8.7a1 1 0 0 1 .76.97v2.1A1.5 1.5 0 0 1 15.5 17C8.6 17 3 11.4 3 4.5Z',
  chat: 'M3 5.5A2.5 2.5 0 0 1 5.5 3h9A2.5 2.5 0 0 1 17 5.5v6a2.5 2.5 0 0 1-2.5 2.5H8l-4 3v-3.3A2.5 2.5 0 0 1 3 11.5v-6Z',
  email: 'M3 5h14v10H3V5Zm0 0 7 6 7-6',
  webformulier: 'M5 3h7l3 3v11H5V3Zm2 6h6m-6 3h6m-6 3h4',
  terugbelverzoek:
    'M3 4.5A1.5 1.5 0 0 1 4.5 3h2.1l1 3.5-1.5 1.8a11 11 0 0 0 4.6 4.6l1.8-1.5 3.5 1v2.1a1.5 1.5 0 0 1-1.5 1.5C8.1 16 3 10.9 3 4.5ZM12 3h5m0 0v5m0-5-5 5',
  balie: 'M3 16h14M4 16V9h12v7M2 9l8-5 8 5',
  social:
    'M6 10a2 2 0 1 1-4 0 2 2 0 0 1 4 0Zm12-5a2 2 0 1 1-4 0 2 2 0 0 1 4 0Zm0 10a2 2 0 1 1-4 0 2 2 0 0 1 4 0ZM5.8 9l8.4-3.5M5.8 11l8.4 3.5',
};

export function ChannelIcon({ channel, className = 'h-5 w-5' }: { channel: Channel; className?: string }) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      <path d={PATHS[channel]} />
    </svg>
  );
}

/** Icon plus the visible Dutch label (the icon alone never carries meaning). */
export function ChannelBadge({ channel }: { channel: Channel }) {
  return (
    <span className="inline-flex items-center gap-1.5 rounded bg-blue-50 px-2 py-0.5 text-sm font-medium text-blue-900">
      <ChannelIcon channel={channel} className="h-4 w-4" />
      {CHANNEL_LABELS[channel]}
    </span>
  );
}

/** Klantcontact.kanaal is free text in Klantinteracties: show our label when it is one of our channels. */
export function kanaalLabel(kanaal: string): string {
  return kanaal in CHANNEL_LABELS ? CHANNEL_LABELS[kanaal as Channel] : kanaal;
}
