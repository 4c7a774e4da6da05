import type { HumanCheckProvider } from '@arena/contract';

/**
 * The providers' widget scripts, loaded from their own origins (the API's Content-Security-Policy
 * allows exactly these when the provider is configured). Explicit rendering, so the widget
 * appears only when a vote asks for it.
 */
const SCRIPTS: Record<HumanCheckProvider, string> = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit',
  hcaptcha: 'https://js.hcaptcha.com/1/api.js?render=explicit&recaptchacompat=off',
};

/** The part of the `turnstile` and `hcaptcha` globals used here; both have the same shape. */
export interface WidgetApi {
  render(container: HTMLElement, options: Record<string, unknown>): string;
  reset(widgetId?: string): void;
  remove(widgetId: string): void;
}

const loading = new Map<HumanCheckProvider, Promise<WidgetApi>>();

const globalOf = (provider: HumanCheckProvider) =>
  (window as unknown as Record<string, WidgetApi | undefined>)[provider];

/** The provider's widget API, its script added to the page once. */
export function loadWidget(provider: HumanCheckProvider): Promise<WidgetApi> {
  const ready = globalOf(provider);
  if (ready) return Promise.resolve(ready);
  let promise = loading.get(provider);
  if (!promise) {
    promise = new Promise<WidgetApi>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = SCRIPTS[provider];
      script.async = true;
      script.onload = () => {
        const api = globalOf(provider);
        if (api) resolve(api);
        else reject(new Error(`${provider} did not load`));
      };
      script.onerror = () => reject(new Error(`${provider} could not be loaded`));
      document.head.append(script);
    });
    // A failed load may succeed later (a flaky network): let the next attempt retry.
    promise.catch(() => loading.delete(provider));
    loading.set(provider, promise);
  }
  return promise;
}
