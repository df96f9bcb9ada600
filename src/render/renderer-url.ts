/** The URL of the script-tag build's popup chunk, beside `segmint.js`; set by the loader. */
let rendererUrl: string | undefined;

/** Remembers where the popup chunk is: next to the script that loaded segmint. */
export function setRendererUrl(scriptUrl: string): void {
  rendererUrl = new URL('segmint-popup.js', scriptUrl).href;
}

/** Where to fetch the popup chunk from, once the loader has said. */
export function getRendererUrl(): string | undefined {
  return rendererUrl;
}
