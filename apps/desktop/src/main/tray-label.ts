export const APP_NAME = 'KCC Werkplek';

/** Tray tooltip, e.g. "KCC Werkplek — 3 wachtend". */
export function trayTooltip(waiting: number): string {
  if (!Number.isInteger(waiting) || waiting < 0) throw new Error(`Ongeldig aantal wachtenden: ${waiting}`);
  return `${APP_NAME} — ${waiting} wachtend`;
}

/** The launcher badge (Linux Unity, macOS dock): the count, or nothing at zero. */
export function badgeCount(waiting: number): number {
  return Math.max(0, Math.floor(waiting));
}

export interface TrayMenuLabels {
  show: string;
  reload: string;
  quit: string;
}

export const TRAY_MENU: TrayMenuLabels = {
  show: 'Werkplek tonen',
  reload: 'Opnieuw laden',
  quit: 'Afsluiten',
};
