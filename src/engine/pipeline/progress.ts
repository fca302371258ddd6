/** Progress reporting and cancellation shared by every long-running stage. */
export interface Progress {
  /** Stage name as shown to the user, e.g. "Reading sales", "Computing metrics", "Ranking". */
  stage: string;
  done: number;
  total: number;
}

export type ProgressCallback = (p: Progress) => void;

export interface RunControl {
  onProgress?: ProgressCallback;
  /** Honoured between stages and every few thousand customers inside long stages. */
  signal?: AbortSignal;
}

/**
 * Waits one turn of the event loop (a macrotask), so that queued messages (a cancel, a progress
 * update going out) get in between slices of long synchronous work. Every sliced loop (the
 * engine's stages, the .xlsx reader, the pane's worker and hosts) yields through this one helper.
 */
export const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
