/** Priority bands: the label of the band a priority score falls in (scoring.bands). */
import {
  DEFAULT_PRIORITY_BANDS,
  type PriorityBand,
  type ScoringParameters,
} from "../parameters/pack-parameters";

/** The pack's bands, or the documented defaults when it lists none. */
export function priorityBands(p: ScoringParameters): readonly PriorityBand[] {
  return p.bands !== undefined && p.bands.length > 0 ? p.bands : DEFAULT_PRIORITY_BANDS;
}

/** The first band (in order) with score >= min; below every band, the last band's label. */
export function priorityBandOf(score: number, bands: readonly PriorityBand[]): string {
  // Indexed (issue 14): called per gap row, often before V8 optimises it, where a for-of makes
  // an iterator result per band.
  for (let i = 0; i < bands.length; i++) if (score >= bands[i].min) return bands[i].label;
  return bands.length > 0 ? bands[bands.length - 1].label : "";
}
