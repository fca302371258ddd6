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
