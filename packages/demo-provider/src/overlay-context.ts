import type { EditIntent } from './edit-intent';
import type { FaceBox } from './face-layout';
import type { QualityKnobs } from './quality';
import type { Rand } from './random';

/** What an edit overlay is drawn from: the photo's layout, the instruction, the model's hand. */
export interface OverlayContext {
  width: number;
  height: number;
  face: FaceBox;
  horizon: number;
  skin: [number, number, number];
  hair: [number, number, number];
  intent: EditIntent;
  knobs: QualityKnobs;
  rand: Rand;
}
