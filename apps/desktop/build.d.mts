export interface BuildDesktopOptions {
  outdir?: string;
  minify?: boolean;
  quiet?: boolean;
}

export interface BuildDesktopResult {
  outdir: string;
  /** Bytes per output file (relative to outdir); -1 for copied icons. */
  files: Record<string, number>;
}

export function buildDesktop(options?: BuildDesktopOptions): Promise<BuildDesktopResult>;
