import { createHash } from 'node:crypto';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Inline scripts (no src) of a page, as CSP hash sources. */
export function inlineScriptHashes(html: string): string[] {
  const scripts = html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi);
  return [...new Set([...scripts].map((match) => hash(match[1]!)))];
}

export interface PolicyOptions {
  /** The served single-page app's index.html: its inline bootstrap is allowed by hash. */
  indexHtml?: string;
  /** Origins of a human-check widget (script and frame), when one is configured. */
  widgetOrigins?: readonly string[];
}

/**
 * A strict Content-Security-Policy: scripts, style sheets, images and requests from this
 * origin only, the app's one inline bootstrap script allowed by its hash (no 'unsafe-inline'
 * for scripts), no plugins, no framing, no <base> rewriting. An XSS that slips into the page
 * cannot load or run a script of its own, nor send what it reads elsewhere. Style attributes
 * stay allowed (components set widths and animation times through them); with images and
 * requests limited to this origin, an injected style can neither load nor send anything.
 */
export function contentSecurityPolicy(options: PolicyOptions = {}) {
  const scripts = options.indexHtml ? inlineScriptHashes(options.indexHtml) : [];
  const widgets = [...(options.widgetOrigins ?? [])];
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...scripts, ...widgets],
    // hCaptcha's widget also loads a style sheet of its own.
    styleSrc: ["'self'", ...widgets],
    styleSrcAttr: ["'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'", ...widgets],
    frameSrc: widgets.length ? widgets : ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
}
