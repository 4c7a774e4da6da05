/**
 * Where a portrait's face sits. The source portraits are drawn with it and the editing
 * overlays (smile, hair) aim at it, so an edit lands on the face it changes.
 */
export interface FaceBox {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

export function portraitFace(width: number, height: number): FaceBox {
  const s = Math.min(width, height);
  return { cx: width * 0.5, cy: height * 0.4, rx: s * 0.13, ry: s * 0.17 };
}

export interface FaceFeatures {
  eyeY: number;
  eyeDx: number;
  eyeRx: number;
  eyeRy: number;
  browY: number;
  noseY: number;
  mouthY: number;
  mouthHalfWidth: number;
  /** Top of the forehead, where hair starts. */
  hairlineY: number;
  chinY: number;
}

export function faceFeatures(face: FaceBox): FaceFeatures {
  const { cy, rx, ry } = face;
  return {
    eyeY: cy - 0.06 * ry,
    eyeDx: 0.4 * rx,
    eyeRx: 0.19 * rx,
    eyeRy: 0.075 * ry,
    browY: cy - 0.25 * ry,
    noseY: cy + 0.24 * ry,
    mouthY: cy + 0.52 * ry,
    mouthHalfWidth: 0.36 * rx,
    hairlineY: cy - 0.6 * ry,
    chinY: cy + ry,
  };
}
