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
export const macrotask = (): Promise<void> =>
  new Promise((resolve) => {
    // Node: setImmediate, a turn of the event loop (I/O and signals get in) without the 1 ms
    // setTimeout(0) waits at least; a run yields about a dozen times (issue 14). Elsewhere (the
    // pane's worker) setTimeout(0), as before.
    if (typeof setImmediate === "function") setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
