import { COLOUR_WORDS, hsl, lighten, toHex } from '../colour';
import { drawPerson, type HairStyle, type Outfit } from '../figure';
import type { Scene } from '../scene';
import { bokeh, rain, skyline } from './effects';

const SKIN = [hsl(28, 0.45, 0.78), hsl(25, 0.4, 0.66), hsl(22, 0.38, 0.52), hsl(20, 0.35, 0.38)];
const EYES = ['#5b3a21', '#3f6a8a', '#4f6b3a', '#6b4a2a'];
const HAIR = [
  hsl(25, 0.35, 0.14),
  hsl(28, 0.45, 0.28),
  hsl(35, 0.5, 0.45),
  hsl(15, 0.55, 0.35),
  hsl(30, 0.2, 0.08),
];

function hairStyle(sc: Scene): HairStyle {
  const f = sc.features;
  if (f.has('bald')) return 'bald';
  if (f.has('braid', 'braided', 'braids')) return 'braided';
  if (f.has('short')) return 'short';
  if (f.has('woman', 'girl', 'female', 'she')) return 'long';
  if (f.has('man', 'elderly', 'boy')) return 'short';
  return (f.promptHash & 1) === 0 ? 'long' : 'short';
}

function outfit(sc: Scene): Outfit {
  const f = sc.features;
  if (f.has('armor', 'armour', 'plate', 'paladin', 'knight')) return 'armour';
  if (f.has('superhero', 'hero', 'cape')) return 'hero';
  if (f.has('suit', 'anchor', 'business', 'ceo')) return 'suit';
  return 'shirt';
}

/** A head-and-shoulders figure in a setting the prompt suggests. */
export function drawPortrait(sc: Scene): void {
  const f = sc.features;
  const { w, h, s } = sc;
  const warm = f.has('torch', 'torchlight', 'fire', 'candle', 'warm');
  const sunset = f.has('sunset', 'golden', 'sunrise', 'dusk');
  const city = f.has('city', 'skyscraper', 'rooftop', 'york', 'skyline', 'street', 'urban');
  if (warm)
    sc.background(
      sc.tone(hsl(20, 0.5, 0.1)),
      sc.tone(hsl(28, 0.6, 0.3)),
      sc.tone(hsl(30, 0.7, 0.22)),
    );
  else if (sunset)
    sc.background(
      sc.tone(hsl(225, 0.45, 0.35)),
      sc.tone(hsl(25, 0.85, 0.62)),
      sc.tone(hsl(340, 0.5, 0.6)),
    );
  else if (f.has('rain'))
    sc.background(sc.tone(hsl(210, 0.12, 0.42)), sc.tone(hsl(210, 0.1, 0.25)));
  else {
    const base = sc.colour(2, hsl(205, 0.22, 0.6));
    sc.background(sc.tone(hsl(base.h, base.s, 0.72)), sc.tone(hsl(base.h, base.s, 0.42)));
  }
  if (city)
    skyline(
      sc,
      h * 0.78,
      sc.tone(hsl(230, 0.25, sunset ? 0.25 : 0.3)),
      sc.tone(hsl(45, 0.9, 0.7)),
      sunset ? 0.4 : 0.25,
    );
  if (warm || f.has('bokeh', 'sparks', 'lights'))
    bokeh(sc, toHex(hsl(35, 0.95, 0.6)), Math.round(4 + 14 * sc.knobs.detail));
  else if (sc.knobs.texture) bokeh(sc, '#ffffff', 5, h * 0.5);

  const face = {
    cx: w * 0.5 + sc.jitter(s * 0.08),
    cy: h * 0.42 + sc.jitter(s * 0.05),
    rx: s * 0.14,
    ry: s * 0.18,
  };
  const old = f.has('elderly', 'old', 'grandfather', 'grandmother');
  const hue = f.promptHash % 7;
  const style = hairStyle(sc);
  const kind = outfit(sc);
  const clothes =
    kind === 'hero'
      ? (COLOUR_WORDS.blue ?? hsl(214, 0.66, 0.5))
      : sc.colour(0, hsl(hue * 40, 0.35, 0.38));
  const accent =
    kind === 'hero'
      ? (COLOUR_WORDS.red ?? hsl(2, 0.7, 0.5))
      : sc.colour(1, hsl(hue * 40 + 160, 0.5, 0.45));
  if (sc.knobs.softShadows)
    sc.glow(face.cx - s * 0.05, face.cy, s * 0.3, warm ? '#ffb060' : '#ffffff', 0.22);
  drawPerson(sc.doc, {
    face,
    bottom: h,
    skin: sc.tone(SKIN[f.promptHash % SKIN.length] ?? hsl(28, 0.45, 0.7)),
    hair: sc.tone(
      old ? hsl(0, 0, 0.78) : (HAIR[f.promptHash % HAIR.length] ?? hsl(25, 0.35, 0.14)),
    ),
    hairStyle: style,
    outfit: kind,
    clothes: sc.tone(clothes),
    accent: sc.tone(accent),
    eyes: EYES[f.promptHash % EYES.length] ?? '#5b3a21',
    expression: f.has('smile', 'smiling', 'happy', 'joyful', 'triumphantly') ? 'smile' : 'neutral',
    smooth: sc.knobs.smooth,
    detail: sc.knobs.texture,
    jitter: (px) => sc.jitter(px),
    beard: f.has('beard', 'bearded'),
    old,
  });
  if (warm) sc.glow(face.cx + s * 0.32, face.cy + s * 0.1, s * 0.2, lighten('#ff9a40', 0.1), 0.3);
  if (f.has('rain')) rain(sc);
  sc.vignette(0.4);
}
