/** The URL of the script that loaded segmint; its chunks sit beside it. Set by the loader. */
let scriptUrl: string | undefined;

/** Remembers where `segmint.js` came from, so its chunks are fetched from the same place. */
export function setChunkBase(url: string): void {
  scriptUrl = url;
}

/** Where a chunk of the script-tag build is, once the loader has said where segmint.js is. */
export function chunkUrl(file: string): string | undefined {
  return scriptUrl === undefined ? undefined : new URL(file, scriptUrl).href;
}
