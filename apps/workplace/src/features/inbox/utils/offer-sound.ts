import type { OfferSound } from '../stores/offer-alert-store';

type AudioContextClass = typeof AudioContext;

const TONES: Record<Exclude<OfferSound, 'uit'>, { frequencies: number[]; level: number }> = {
  belletje: { frequencies: [880, 1318.5], level: 0.25 },
  kort: { frequencies: [660], level: 0.08 },
};
const TONE_SECONDS = 0.28;
const TONE_GAP_SECONDS = 0.16;

let context: AudioContext | undefined;

function audioContext(): AudioContext | undefined {
  const Ctx: AudioContextClass | undefined =
    window.AudioContext ??
    (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  if (!Ctx) return undefined;
  context ??= new Ctx();
  return context;
}

/**
 * Browsers keep audio muted until the page had a user gesture; the first key or click after a (re)load unlocks
 * it, so an offer that comes later can ring.
 */
export function unlockOfferSoundOnGesture(): () => void {
  const unlock = () => {
    void audioContext()?.resume();
  };
  window.addEventListener('pointerdown', unlock, { once: true, capture: true });
  window.addEventListener('keydown', unlock, { once: true, capture: true });
  return () => {
    window.removeEventListener('pointerdown', unlock, { capture: true });
    window.removeEventListener('keydown', unlock, { capture: true });
  };
}

/** A short chime made with Web Audio (no sound file): one or two soft sine tones. */
export function playOfferSound(sound: OfferSound): void {
  if (sound === 'uit') return;
  try {
    const ctx = audioContext();
    if (!ctx) return;
    void ctx.resume();
    const { frequencies, level } = TONES[sound];
    frequencies.forEach((frequency, index) => {
      const start = ctx.currentTime + index * TONE_GAP_SECONDS;
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(level, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + TONE_SECONDS);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(start);
      oscillator.stop(start + TONE_SECONDS + 0.02);
    });
  } catch (error) {
    // A sound is an extra: the card, title and notification still tell.
    console.warn('Offer sound could not play', error);
  }
}
